package io.payrail.launcher.console;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether this process's standard output is a terminal someone watches, or a log or a pipe. */
public final class Terminal {

  /**
   * Set by {@code ./payrail} from {@code [ -t 1 ]}: whether standard output is a terminal. It is
   * the only exact answer; the JDK's {@link System#console()} also needs standard input to be one.
   */
  public static final String PROPERTY = "payrail.terminal";

  private Terminal() {}

  public static boolean isInteractive() {
    String told = System.getProperty(PROPERTY);
    if (told != null && !told.isBlank()) {
      return Boolean.parseBoolean(told);
    }
    Console console = System.console();
    if (console == null) {
      return false;
    }
    // From Java 22 on there may be a Console without a terminal; Console.isTerminal() says which.
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }
}
