package io.github.snowplowjakarta.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HtmlTitleTest {
  @Test
  void theHeadsTitleAsDocumentTitleGivesIt() {
    assertThat(HtmlTitle.of("<html><head><title>\n  Red \t shoes\r\n</title>"))
        .isEqualTo("Red shoes");
    assertThat(HtmlTitle.of("<TITLE id=\"t\">Upper</TITLE>")).isEqualTo("Upper");
    assertThat(HtmlTitle.of("<title>a &lt;b&gt; &#65;&#x42; &copy;&nbsp;2</title>"))
        .isEqualTo("a <b> AB ©\u00a02");
  }

  @Test
  void commentsScriptsAndStylesAreSkipped() {
    assertThat(
            HtmlTitle.of(
                "<!-- <title>no</title> --><script>let t = '<title>no</title>';</script>"
                    + "<style>/* <title>no</title> */</style><title>yes</title>"))
        .isEqualTo("yes");
  }

  @Test
  void noTitleBeforeTheBodyMeansNone() {
    assertThat(HtmlTitle.of("<head></head><body><title>late</title>")).isNull();
    assertThat(HtmlTitle.of("<svg><title>icon</title></svg><title>x</title>")).isNull();
    assertThat(HtmlTitle.of("<titles>no</titles><p>")).isNull();
    assertThat(HtmlTitle.of("<title>   </title>")).isNull();
    assertThat(HtmlTitle.of("")).isNull();
  }

  @Test
  void malformedInputGivesNoTitleOrKeepsWhatCannotBeRead() {
    assertThat(HtmlTitle.of("<title>never closed")).isNull();
    assertThat(HtmlTitle.of("<!-- never closed <title>x</title>")).isNull();
    assertThat(HtmlTitle.of("<script><title>x</title>")).isNull();
    assertThat(HtmlTitle.of("<title")).isNull();
    assertThat(HtmlTitle.of("<<<<<title>ok</title>")).isEqualTo("ok");
    assertThat(
            HtmlTitle.of(
                "<title>&#0; &#xD800; &#99999999; &#x; &#zz; & &; &"
                    + "a".repeat(40)
                    + ";</title>"))
        .isEqualTo("\ufffd \ufffd \ufffd &#x; &#zz; & &; &" + "a".repeat(40) + ";");
  }

  @Test
  void bytesAreDecodedInTheNamedOrGuessedCharset() {
    byte[] latin1 = "<title>Café</title>".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(HtmlTitle.of(latin1, latin1.length, "text/html; charset=\"ISO-8859-1\""))
        .isEqualTo("Café");
    // No charset anywhere and not UTF-8: windows-1252, as browsers guess.
    assertThat(HtmlTitle.of(latin1, latin1.length, "text/html")).isEqualTo("Café");
    byte[] utf8 = "<title>Café €</title><p>é".getBytes(StandardCharsets.UTF_8);
    // A multi-byte character cut at the end of what was copied does not make it not UTF-8.
    assertThat(HtmlTitle.of(utf8, utf8.length - 1, null)).isEqualTo("Café €");
    byte[] utf16 = "<title>Wide</title>".getBytes(StandardCharsets.UTF_16LE);
    assertThat(HtmlTitle.of(utf16, utf16.length, "text/html;charset=UTF-16LE")).isEqualTo("Wide");
    Charset koi8 = Charset.forName("KOI8-R");
    byte[] meta =
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\"><title>Привет</title>"
            .getBytes(koi8);
    assertThat(HtmlTitle.of(meta, meta.length, "text/html")).isEqualTo("Привет");
    assertThat(HtmlTitle.of(latin1, latin1.length, "text/html;charset=no-such-charset"))
        .isEqualTo("Café");
  }
}
