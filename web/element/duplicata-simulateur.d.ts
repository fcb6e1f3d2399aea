/**
 * `<duplicata-simulateur>`: the fee simulator of a carte-grise duplicata, shown in an iframe that
 * takes the height of its content. Attributes pre-fill the form (`date` as YYYY-MM-DD,
 * `departement` "33", `immatriculation` "AB-123-CD", `categorie` "car", `energie` "petrol",
 * `motif` "perte" | "vol" | "deterioration"); `theme="etat"` keeps the State's brand (State
 * sites only; neutral by default); `src` gives another address of the page.
 * Fires `resize` (`detail.height`, in CSS pixels) when the frame changes height.
 */
export declare class DuplicataSimulateur extends HTMLElement {
  static readonly observedAttributes: string[];
  /** The page's address used when `src` is not set: `simulateur/index.html` next to the module. */
  static pageUrl: string;
  /** The address the frame loads (embed mode, the element's values in the query). */
  readonly url: string;
  connectedCallback(): void;
  disconnectedCallback(): void;
  attributeChangedCallback(): void;
}

declare global {
  interface HTMLElementTagNameMap {
    "duplicata-simulateur": DuplicataSimulateur;
  }
}
