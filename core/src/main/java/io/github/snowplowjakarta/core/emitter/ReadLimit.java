package io.github.snowplowjakarta.core.emitter;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.concurrent.locks.Lock;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.Command;
import org.apache.hc.core5.reactor.IOEventHandler;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.util.Timeout;

/**
 * A connection that may deliver at most {@link CollectorClient#MAX_READ_PER_REQUEST} bytes after
 * each request written on it. HttpClient bounds header lines but not interim answers: a peer that
 * sends {@code 100 Continue} without end keeps the connection, and a core, busy until the deadline.
 * This bound ends that within a megabyte, and anything else that would read on and on.
 */
final class ReadLimit implements IOSession {
  private final IOSession session;

  /** Bytes read since the last write. The session's I/O thread only. */
  private long read;

  ReadLimit(IOSession session) {
    this.session = session;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    int bytes = session.read(dst);
    if (bytes > 0) {
      read += bytes;
      if (read > CollectorClient.MAX_READ_PER_REQUEST) {
        throw new IOException(
            "the collector's answer went past "
                + CollectorClient.MAX_READ_PER_REQUEST
                + " bytes (interim answers, headers and body): connection dropped");
      }
    }
    return bytes;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    int bytes = session.write(src);
    if (bytes > 0) {
      read = 0;
    }
    return bytes;
  }

  @Override
  public IOEventHandler getHandler() {
    return session.getHandler();
  }

  @Override
  public void upgrade(IOEventHandler handler) {
    session.upgrade(handler);
  }

  @Override
  public Lock getLock() {
    return session.getLock();
  }

  @Override
  public void enqueue(Command command, Command.Priority priority) {
    session.enqueue(command, priority);
  }

  @Override
  public boolean hasCommands() {
    return session.hasCommands();
  }

  @Override
  public Command poll() {
    return session.poll();
  }

  @Override
  public ByteChannel channel() {
    return session.channel();
  }

  @Override
  public SocketAddress getRemoteAddress() {
    return session.getRemoteAddress();
  }

  @Override
  public SocketAddress getLocalAddress() {
    return session.getLocalAddress();
  }

  @Override
  public int getEventMask() {
    return session.getEventMask();
  }

  @Override
  public void setEventMask(int ops) {
    session.setEventMask(ops);
  }

  @Override
  public void setEvent(int op) {
    session.setEvent(op);
  }

  @Override
  public void clearEvent(int op) {
    session.clearEvent(op);
  }

  @Override
  public void close() {
    session.close();
  }

  @Override
  public void close(CloseMode closeMode) {
    session.close(closeMode);
  }

  @Override
  public Status getStatus() {
    return session.getStatus();
  }

  @Override
  public boolean isOpen() {
    return session.isOpen();
  }

  @Override
  public Timeout getSocketTimeout() {
    return session.getSocketTimeout();
  }

  @Override
  public void setSocketTimeout(Timeout timeout) {
    session.setSocketTimeout(timeout);
  }

  @Override
  public long getLastReadTime() {
    return session.getLastReadTime();
  }

  @Override
  public long getLastWriteTime() {
    return session.getLastWriteTime();
  }

  @Override
  public long getLastEventTime() {
    return session.getLastEventTime();
  }

  @Override
  public void updateReadTime() {
    session.updateReadTime();
  }

  @Override
  public void updateWriteTime() {
    session.updateWriteTime();
  }

  @Override
  public String getId() {
    return session.getId();
  }

  @Override
  public String toString() {
    return session.toString();
  }
}
