/** Starts a browser download of text made here (a CSV of what is on screen, a scorecard's JSON export). */
export function downloadText(name: string, text: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // revoked on the next tick: the click has handed the blob to the download by then
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
