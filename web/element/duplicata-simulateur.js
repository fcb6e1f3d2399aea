// <duplicata-simulateur>: the fee simulator of a carte-grise duplicata for any web page.
//
//   <script type="module" src="…/duplicata-simulateur/duplicata-simulateur.js"></script>
//   <duplicata-simulateur departement="33" immatriculation="AB-123-CD"></duplicata-simulateur>
//
// The element shows the simulator page of this package (simulateur/index.html, in embed mode) in
// an iframe that takes the height the page asks for (postMessage), so that the host's styles and
// the simulator's never meet. The engine runs in the frame, in WebAssembly: nothing leaves the
// browser. Attributes pre-fill the form: date, departement, immatriculation, categorie, energie,
// motif; theme="etat" keeps the State's brand (State sites only), the default is neutral; src
// gives another address of the page (when the bundler does not copy simulateur/ next to the code).

const PARAMS = ["date", "departement", "immatriculation", "categorie", "energie", "motif"];
const HEIGHT = "duplicata-simulateur:height";

export class DuplicataSimulateur extends HTMLElement {
  static observedAttributes = [...PARAMS, "theme", "src"];

  /** Where the page is, unless the `src` attribute says otherwise: next to this module. */
  static pageUrl = new URL("./simulateur/index.html", import.meta.url).href;

  #frame = null;
  #onMessage = (event) => {
    if (!this.#frame || event.source !== this.#frame.contentWindow) return;
    const data = event.data;
    if (data && data.type === HEIGHT && Number.isFinite(data.height) && data.height > 0) {
      this.#frame.style.height = `${Math.ceil(data.height)}px`;
      this.dispatchEvent(new CustomEvent("resize", { detail: { height: data.height } }));
    }
  };

  /** The address the frame loads: the page in embed mode, with the element's values. */
  get url() {
    const url = new URL(this.getAttribute("src") || DuplicataSimulateur.pageUrl, document.baseURI);
    url.searchParams.set("embed", "1");
    url.searchParams.set("theme", this.getAttribute("theme") === "etat" ? "etat" : "neutre");
    for (const name of PARAMS) {
      const value = this.getAttribute(name);
      if (value) url.searchParams.set(name, value);
    }
    return url.href;
  }

  connectedCallback() {
    if (!this.#frame) {
      const frame = document.createElement("iframe");
      frame.title = this.getAttribute("title") || "Simulateur du coût d'un duplicata de carte grise";
      frame.setAttribute("part", "frame");
      frame.style.cssText = "display:block;width:100%;height:40rem;border:0;";
      this.#frame = frame;
      this.append(frame);
    }
    window.addEventListener("message", this.#onMessage);
    if (this.#frame.getAttribute("src") !== this.url) this.#frame.setAttribute("src", this.url);
  }

  disconnectedCallback() {
    window.removeEventListener("message", this.#onMessage);
  }

  attributeChangedCallback() {
    if (this.#frame && this.#frame.getAttribute("src") !== this.url) this.#frame.setAttribute("src", this.url);
  }
}

if (!customElements.get("duplicata-simulateur")) customElements.define("duplicata-simulateur", DuplicataSimulateur);
