package io.airq.devstack;

/**
 * A server the devstack controls: it can be stopped and started again on the same port with the
 * same data, which the fault suites need.
 */
public interface Server extends AutoCloseable {
  /** Where clients connect, e.g. {@code tcp://127.0.0.1:18830}. */
  String endpoint();

  /** Starts the server (again) on the same port and data; waits until it is healthy. */
  void start();

  /** Stops it gracefully; its data stays. */
  void stop();

  /** Kills it with SIGKILL, as a crash would. */
  void kill();

  boolean isRunning();

  @Override
  default void close() {
    stop();
  }
}
