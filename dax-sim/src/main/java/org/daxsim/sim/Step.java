package org.daxsim.sim;

/**
 * One executed scenario line: the host it ran on, the command (the line without its
 * {@code @HOST} prefix) and its {@link Result}.
 *
 * @param host the host's name
 * @param command the command text
 * @param result what it did
 */
public record Step(String host, String command, Result result) {}
