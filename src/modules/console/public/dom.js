// Building the views' DOM without innerHTML: h('tag', { props, dataset }, ...children), tables.
/* global document, Node */

/** An element with properties (dataset and attributes too) and children (strings become text). */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'attrs') for (const [name, v] of Object.entries(value)) el.setAttribute(name, v);
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el[key] = value;
  }
  el.append(...children.flat().filter((c) => c !== undefined && c !== null && c !== false));
  return el;
}

/**
 * A data table: `columns` are [key, label]; `rows` objects whose `cells[key]` is text, a node,
 * or { text, value } (value kept in data-value for tests and copying). The first column is the
 * row header.
 */
export function table({ caption, columns, rows, rowKey = (r) => r.key, empty = '暂无 None yet' }) {
  const t = h('table', { className: 'list' });
  if (caption) t.append(h('caption', {}, caption));
  t.createTHead().append(h('tr', {}, ...columns.map(([, label]) => h('th', { scope: 'col' }, label))));
  const body = t.createTBody();
  if (rows.length === 0) body.append(h('tr', {}, h('td', { colSpan: columns.length, className: 'empty' }, empty)));
  for (const row of rows) {
    const tr = h('tr', { dataset: { key: String(rowKey(row)) } });
    columns.forEach(([key], i) => {
      const content = row.cells[key];
      const el = h(i === 0 ? 'th' : 'td', { ...(i === 0 ? { scope: 'row' } : {}), dataset: { col: key } });
      if (content instanceof Node || Array.isArray(content)) el.append(...[content].flat());
      else if (content && typeof content === 'object') {
        el.textContent = content.text;
        if (content.value !== undefined && content.value !== null) el.dataset.value = String(content.value);
      } else el.textContent = content ?? '';
      tr.append(el);
    });
    body.append(tr);
  }
  return t;
}

/** A labelled form control: <label>text <input …></label>. */
export const field = (label, control) => h('label', {}, label, ' ', control);

/** yyyy-mm-dd of an ISO instant, as Shanghai reads it. */
export const dateOf = (iso) => (iso ? new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }) : '–');
/** yyyy-mm-dd hh:mm of an ISO instant, in Shanghai. */
export const timeOf = (iso) => (iso ? new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16) : '–');
/** The instant that ends a Shanghai day given as yyyy-mm-dd: 23:59:59.999 +08:00. */
export const endOfDay = (day) => new Date(`${day}T23:59:59.999+08:00`).toISOString();
