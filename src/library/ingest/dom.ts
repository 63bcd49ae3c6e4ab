/**
 * The little of the DOM the ingestion edge uses, typed here: the project compiles without the DOM library (it
 * is a Node program), and linkedom's and Readability's declarations name DOM types. Only this file touches
 * linkedom; everything else sees these interfaces.
 */
import { parseHTML } from 'linkedom';

const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode>;
}

export interface DomElement extends DomNode {
  readonly localName: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
  querySelector(selectors: string): DomElement | null;
  closest(selectors: string): DomElement | null;
  remove(): void;
}

export interface DomDocument {
  readonly documentElement: DomElement | null;
  readonly body: DomElement | null;
  readonly title: string;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
  querySelector(selectors: string): DomElement | null;
}

export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}

/** Parse a whole HTML page. linkedom never throws on bad markup; it builds what a browser would, roughly. */
export function parseDocument(html: string): DomDocument {
  const window = parseHTML(html) as unknown as { document: DomDocument };
  return window.document;
}

export function all(list: ArrayLike<DomElement>): DomElement[] {
  return Array.from(list);
}
