package io.airq.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets whose input stream is buffered, for Paho's {@code tcp://} connections.
 *
 * <p>Paho reads each MQTT packet from the socket's own stream: the first byte, the remaining length
 * a byte at a time, then the rest, each a system call. With a buffer one read takes in every packet
 * the broker has sent so far. In the load benchmark (about 10,000 messages/s) Paho's receiving
 * thread took 6.2 CPU s for 596,000 messages, most of it in those reads.
 *
 * <p>A read that times out (Paho sets a 1 s timeout to look at its stop flag) loses nothing: {@link
 * BufferedInputStream} goes to the socket only when its buffer is empty, or for more of a read
 * while the socket has bytes waiting, so a timeout never falls after bytes were taken.
 */
final class BufferedSockets extends SocketFactory {
  static final int BUFFER = 64 * 1024;

  @Override
  public Socket createSocket() {
    return new BufferedInputSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return connected(new InetSocketAddress(host, port), localHost, localPort);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected(new InetSocketAddress(address, port), localAddress, localPort);
  }

  private static Socket connected(InetSocketAddress to) throws IOException {
    return connected(to, null);
  }

  private static Socket connected(InetSocketAddress to, InetAddress localHost, int localPort)
      throws IOException {
    return connected(to, new InetSocketAddress(localHost, localPort));
  }

  private static Socket connected(InetSocketAddress to, InetSocketAddress local)
      throws IOException {
    Socket s = new BufferedInputSocket();
    try {
      if (local != null) {
        s.bind(local);
      }
      s.connect(to);
      return s;
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /** A socket whose {@link #getInputStream()} is one buffered stream over the socket's own. */
  static final class BufferedInputSocket extends Socket {
    private InputStream in;

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (in == null) {
        in = new BufferedInputStream(super.getInputStream(), BUFFER);
      }
      return in;
    }
  }
}
