package org.daxsim.sim;

/**
 * A scenario line daxsim cannot parse (an unterminated quote, a redirection without a file, a
 * misplaced {@code #!oracle} header): {@code daxsim run} exits with status 2.
 */
public final class ScriptSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A syntax error described by {@code message}. */
  public ScriptSyntaxException(String message) {
    super(message);
  }
}
