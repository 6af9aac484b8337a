package io.airq.e2e;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A bare MQTT 3.1.1 publisher over a socket, for topics a well-behaved client refuses to encode
 * (Paho throws on control characters before anything is sent). It sends exactly the bytes given, so
 * the test sees what the broker itself does with them.
 */
final class HostileMqttWire {
  /** What the broker did with one QoS 1 PUBLISH. */
  enum BrokerAnswer {
    ACKED,
    CONNECTION_CLOSED
  }

  private HostileMqttWire() {}

  static BrokerAnswer publishQos1(String mqttUrl, String clientId, byte[] topic, byte[] payload)
      throws IOException {
    URI uri = URI.create(mqttUrl);
    try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
      s.setSoTimeout(5_000);
      OutputStream out = s.getOutputStream();
      DataInputStream in = new DataInputStream(s.getInputStream());
      ByteArrayOutputStream connect = new ByteArrayOutputStream();
      writeString(connect, "MQTT".getBytes(StandardCharsets.US_ASCII));
      connect.write(4); // protocol level 3.1.1
      connect.write(0x02); // clean session
      connect.write(0);
      connect.write(60); // keep alive
      writeString(connect, clientId.getBytes(StandardCharsets.UTF_8));
      packet(out, 0x10, connect.toByteArray());
      if (in.readUnsignedByte() != 0x20 || in.readUnsignedByte() != 2) {
        throw new IOException("no CONNACK from " + mqttUrl);
      }
      in.readUnsignedByte();
      int rc = in.readUnsignedByte();
      if (rc != 0) {
        throw new IOException("CONNACK refused with " + rc);
      }
      ByteArrayOutputStream publish = new ByteArrayOutputStream();
      writeString(publish, topic);
      publish.write(0);
      publish.write(1); // packet id 1
      publish.write(payload);
      packet(out, 0x32, publish.toByteArray());
      try {
        int type = in.readUnsignedByte();
        return type == 0x40 ? BrokerAnswer.ACKED : BrokerAnswer.CONNECTION_CLOSED;
      } catch (EOFException | java.net.SocketException e) {
        return BrokerAnswer.CONNECTION_CLOSED;
      } catch (SocketTimeoutException e) {
        throw new IOException("the broker neither acked nor closed within 5 s", e);
      }
    }
  }

  private static void writeString(ByteArrayOutputStream b, byte[] s) {
    b.write(s.length >> 8);
    b.write(s.length & 0xff);
    b.writeBytes(s);
  }

  private static void packet(OutputStream out, int header, byte[] body) throws IOException {
    ByteArrayOutputStream p = new ByteArrayOutputStream();
    p.write(header);
    int len = body.length;
    do {
      int digit = len % 128;
      len /= 128;
      p.write(len > 0 ? digit | 0x80 : digit);
    } while (len > 0);
    p.writeBytes(body);
    out.write(p.toByteArray());
    out.flush();
  }
}
