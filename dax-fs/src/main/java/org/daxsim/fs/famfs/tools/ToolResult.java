package org.daxsim.fs.famfs.tools;

/** The outcome of one famfs tool invocation: exit status (0-255), stdout and stderr. */
public record ToolResult(int exit, String stdout, String stderr) {}
