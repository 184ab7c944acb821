// A small element builder, so the pages need no template library fetched from a CDN.
export type Child = Node | string | number | null | undefined | false | Child[];
type Attr = string | number | boolean | null | undefined | ((event: Event) => void);

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, Attr> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === "function") el.addEventListener(name.replace(/^on/, ""), value);
    else if (value === true) el.setAttribute(name, "");
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
}

/** A titled part of a page; `id` makes it a link target. */
export function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return h("section", { id, class: "tahseel-section" }, h("h2", {}, title), ...children);
}

/** A number whose exact value stays readable by tests and tools beside its formatted text. */
export function figure(text: string, value: string | number | null | undefined, attrs: Record<string, Attr> = {}): HTMLElement {
  return h("span", { class: "num", "data-value": value === null || value === undefined ? null : String(value), ...attrs }, text);
}
