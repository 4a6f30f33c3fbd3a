package io.github.snowplowjakarta.web.consent;

/** Real TC strings, for the unit tests of this package; their origin is in ConsentTest. */
final class TcfStrings {
  private TcfStrings() {}

  /** transfermarkt.com, Sourcepoint, accept-all with an empty publisher segment. */
  static final String ACCEPT_ALL =
      "CQTQT4AQTQT4AAGABCENBvFsAP_gAELAABp4IzQHwAFAANAAqABwAEAALQAZAA0ACKAEwAKQAYgA3gBzAEIAI4ATQApACEAFDAPaAhsBGoC2gF5gMZAZIA0IBqIELgIzAIRADAAUAI4AhAA4SAYABUADgAIIAZABoAEwAN4AhABNAHtAXmAyQCFw6AWABUADgAIIAZABoAEwAMQAbwBNAHtAXmAyQhACADEAG8lAGAA4AEwAMQB7QF5gMkKQCQAKgAcABAADQAJgAYgD2gLzAZIVAAgAKKAAQAZA.YAAAAAAAAAAA";
}
