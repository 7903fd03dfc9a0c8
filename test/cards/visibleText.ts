/**
 * What a person reads on a card before opening anything: its texts, facts and fields, without what is behind a
 * toggle (elements with `isVisible: false`, and all they hold) and without the buttons' titles. Markdown's `**`
 * is left out, as no one reads it.
 */
type Element = Record<string, unknown>;

export function visibleText(card: unknown): string {
  const lines: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const element = value as Element;
    if (element.isVisible === false) return;
    switch (element.type) {
      case 'TextBlock':
        if (typeof element.text === 'string') lines.push(element.text);
        return;
      case 'FactSet':
        for (const fact of (element.facts as Element[] | undefined) ?? []) lines.push(`${String(fact.title)}: ${String(fact.value)}`);
        return;
      case 'Input.Text':
        lines.push(`${String(element.label ?? '')}: ${typeof element.value === 'string' ? element.value : ''}`);
        return;
      default:
        if (typeof element.type === 'string' && element.type.startsWith('Action.')) return;
        for (const key of ['body', 'items', 'columns']) visit(element[key]);
    }
  };
  visit(card);
  return lines.join('\n').replaceAll('**', '');
}
