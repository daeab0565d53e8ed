// The one way this console creates elements. Strings always become text nodes, never markup, so
// whatever a server sends is shown as it is and can never turn into an element.

/**
 * Creates `<tag>` with attributes (set with setAttribute; `class` and `data-*` included) and
 * children: strings and numbers become text nodes, nodes are appended, null/undefined/false skipped.
 */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    element.setAttribute(name, value === true ? "" : String(value));
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.append(child);
    else parent.append(document.createTextNode(String(child)));
  }
}

/** Replaces the children of `parent` (text stays text, as in `el`). */
export function replaceChildren(parent, ...children) {
  parent.replaceChildren();
  append(parent, children);
}

/** The first element matching `selector` under `root`; throws when the page lacks it (a bug). */
export function $(selector, root = document) {
  const found = root.querySelector(selector);
  if (!found) throw new Error(`the page has no ${selector}`);
  return found;
}

/** "is required" -> "Is required": the package's messages have no subject and start in lower case. */
export function sentence(text) {
  const value = String(text ?? "");
  return value ? value[0].toUpperCase() + value.slice(1) : value;
}
