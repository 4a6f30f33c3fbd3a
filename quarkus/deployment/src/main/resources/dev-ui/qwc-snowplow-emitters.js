import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import '@vaadin/grid';
import '@vaadin/button';

/** The Snowplow card's page: each running emitter's figures, read again on demand. */
export class QwcSnowplowEmitters extends LitElement {
  jsonRpc = new JsonRpc(this);

  static styles = css`
    :host { display: flex; flex-direction: column; gap: 8px; padding: 8px; }
  `;

  static properties = {
    _emitters: { state: true },
  };

  connectedCallback() {
    super.connectedCallback();
    this._refresh();
  }

  _refresh() {
    this.jsonRpc.getEmitters().then(response => { this._emitters = response.result; });
  }

  render() {
    if (!this._emitters) {
      return html`<span>Loading…</span>`;
    }
    if (this._emitters.length === 0) {
      return html`<span>No emitter is running: nothing has been tracked yet, or tracking is off.</span>
        <vaadin-button @click=${this._refresh}>Refresh</vaadin-button>`;
    }
    return html`
      <vaadin-button @click=${this._refresh}>Refresh</vaadin-button>
      <vaadin-grid .items=${this._emitters} theme="row-stripes" all-rows-visible>
        <vaadin-grid-column path="name" header="Emitter"></vaadin-grid-column>
        <vaadin-grid-column path="collector" header="Collector"></vaadin-grid-column>
        <vaadin-grid-column path="collectorUnavailable" header="Unavailable"></vaadin-grid-column>
        <vaadin-grid-column path="accepted" header="Accepted"></vaadin-grid-column>
        <vaadin-grid-column path="sent" header="Sent"></vaadin-grid-column>
        <vaadin-grid-column path="failed" header="Failed"></vaadin-grid-column>
        <vaadin-grid-column path="dropped" header="Dropped"></vaadin-grid-column>
        <vaadin-grid-column path="retried" header="Retried"></vaadin-grid-column>
        <vaadin-grid-column path="queueDepth" header="Queued"></vaadin-grid-column>
        <vaadin-grid-column path="secondsSinceLastSuccess" header="Since last success (s)"></vaadin-grid-column>
      </vaadin-grid>`;
  }
}
customElements.define('qwc-snowplow-emitters', QwcSnowplowEmitters);
