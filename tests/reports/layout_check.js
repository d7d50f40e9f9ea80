() => {
  const out = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + 1) out.push(`page scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth}`);
  const vw = doc.clientWidth;
  const scrolls = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  for (const table of document.querySelectorAll('table')) {
    const tr = table.getBoundingClientRect();
    if (tr.width === 0) continue;
    let box = table.parentElement;
    while (box && box !== document.body && !scrolls(box)) box = box.parentElement;
    const name = (table.querySelector('th') || table).innerText.slice(0, 30);
    if (!box || box === document.body) {
      if (tr.right > vw + 1) out.push(`table "${name}" is cut at the right edge (${tr.right} > ${vw})`);
      continue;
    }
    let outer = box.parentElement;
    while (outer && outer !== document.body && !scrolls(outer)) outer = outer.parentElement;
    const br = box.getBoundingClientRect();
    // a box inside another scroll box is reached by scrolling that one; only the outermost must fit
    if ((!outer || outer === document.body) && (br.right > vw + 1 || br.left < -1))
      out.push(`scroll box of "${name}" is outside the window`);
    if (box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).borderRightStyle === 'none'
        && !box.closest('.card')) out.push(`scroll box of "${name}" scrolls but has no visible frame`);
  }
  for (const el of document.querySelectorAll('body *')) {
    const cs = getComputedStyle(el);
    if (cs.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1)
      out.push(`text cut with an ellipsis: "${el.innerText.slice(0, 40)}"`);
  }
  for (const svg of document.querySelectorAll('svg')) {
    const vb = svg.viewBox.baseVal;
    for (const text of svg.querySelectorAll('text')) {
      const b = text.getBBox();
      if (b.x < vb.x - 1 || b.y < vb.y - 1 || b.x + b.width > vb.x + vb.width + 1 || b.y + b.height > vb.y + vb.height + 1)
        out.push(`chart label cut by its chart: "${text.textContent}"`);
      if (text.textContent.includes('…')) out.push(`chart label shortened: "${text.textContent}"`);
    }
    const labels = [...svg.querySelectorAll('text.chart-axis')].map(t => t.textContent).filter(t => /[-:]/.test(t));
    if (new Set(labels).size !== labels.length) out.push(`repeated axis labels: ${labels.join(', ')}`);
  }
  return out;
}
