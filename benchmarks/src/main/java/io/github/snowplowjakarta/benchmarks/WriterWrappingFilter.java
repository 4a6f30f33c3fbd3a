package io.github.snowplowjakarta.benchmarks;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * A filter that only puts a writer of its own between the application and the container's, handing
 * every call straight on, as the title capture's writer does once it has the title: what the extra
 * writer costs a page written in many small pieces, apart from anything else a tracker does.
 */
final class WriterWrappingFilter implements Filter {
  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    chain.doFilter(request, new Wrapped((HttpServletResponse) response));
  }

  private static final class Wrapped extends HttpServletResponseWrapper {
    private PrintWriter writer;

    Wrapped(HttpServletResponse response) {
      super(response);
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      PrintWriter own = super.getWriter();
      if (writer == null) {
        writer = new PassingWriter(own);
      }
      return writer;
    }
  }

  private static final class PassingWriter extends PrintWriter {
    private final PrintWriter out;

    PassingWriter(PrintWriter out) {
      super(out, false);
      this.out = out;
    }

    @Override
    public void write(int c) {
      out.write(c);
    }

    @Override
    public void write(char[] buf, int off, int len) {
      out.write(buf, off, len);
    }

    @Override
    public void write(String s, int off, int len) {
      out.write(s, off, len);
    }

    @Override
    public void println() {
      out.println();
    }

    @Override
    public void flush() {
      out.flush();
    }

    @Override
    public void close() {
      out.close();
    }

    @Override
    public boolean checkError() {
      return out.checkError();
    }
  }
}
