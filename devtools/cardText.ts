/**
 * Reads an Adaptive Card the way a person sees it: its text (what is behind a toggle too), its facts, its text fields,
 * and its buttons in order.
 */
export interface CardButtonView {
  title: string;
  data: unknown;
  /** Where a button that opens a web page (Action.OpenUrl) goes. */
  url?: string;
}

export interface CardInputView {
  id: string;
  label: string;
  /** The pre-filled value ('' when empty); a client sends it with every Submit button of the card. */
  value: string;
}

export interface CardView {
  lines: string[];
  buttons: CardButtonView[];
  inputs: CardInputView[];
}

type Element = Record<string, unknown>;

export function viewCard(card: unknown): CardView {
  const view: CardView = { lines: [], buttons: [], inputs: [] };
  const visit = (element: Element) => {
    switch (element.type) {
      case 'TextBlock':
        // A numbered list is one TextBlock, a step a line (cards/renderCard.ts): read as its steps.
        if (typeof element.text === 'string') view.lines.push(...element.text.split('\n'));
        break;
      case 'FactSet':
        for (const fact of (element.facts as Element[] | undefined) ?? []) view.lines.push(`${String(fact.title)}: ${String(fact.value)}`);
        break;
      case 'Input.Text': {
        const input = { id: String(element.id ?? ''), label: String(element.label ?? ''), value: typeof element.value === 'string' ? element.value : '' };
        view.inputs.push(input);
        view.lines.push(`${input.label}: ${inputText(input.value, element.placeholder)}`);
        break;
      }
      case 'ActionSet':
        addButtons(element.actions);
        break;
      default:
        for (const key of ['items', 'columns', 'body']) {
          const children = element[key];
          if (Array.isArray(children)) children.forEach((child) => visit(child as Element));
        }
    }
  };
  const addButtons = (actions: unknown) => {
    for (const action of (actions as Element[] | undefined) ?? []) {
      // A toggle only shows more of the card, and a person reads that part here anyway: the hidden container's
      // text is among the lines (the default case below visits its items).
      if (action.type === 'Action.ToggleVisibility') continue;
      view.buttons.push({ title: String(action.title ?? ''), data: action.data, ...(typeof action.url === 'string' ? { url: action.url } : {}) });
    }
  };
  const root = (card ?? {}) as Element;
  for (const element of (root.body as Element[] | undefined) ?? []) visit(element);
  addButtons(root.actions);
  return view;
}

/**
 * A text field as a person reads it: its value in brackets, or that it is empty. A placeholder is only a hint
 * (a client sends an empty field with a button, not the placeholder), so it is shown as one, never like a value.
 */
function inputText(value: string, placeholder: unknown): string {
  if (value !== '') return `[${value}]`;
  return typeof placeholder === 'string' && placeholder.trim() !== '' ? `(empty; hint: ${placeholder})` : '(empty)';
}
