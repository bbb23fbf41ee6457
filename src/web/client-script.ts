/**
 * The only script the pages load, and they work without it: it shows the copy buttons of the
 * curl boxes where the browser has a clipboard. It runs in the browser, so it uses nothing from
 * Node; it is served as the source of this function.
 */
function enhance(): void {
  const clipboard = navigator.clipboard;
  if (!clipboard) return;
  for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('button[data-copy]'))) {
    const source = document.getElementById(button.dataset.copy ?? '');
    if (!source) continue;
    button.hidden = false;
    button.addEventListener('click', () => {
      const status = button.closest('section')?.querySelector<HTMLElement>('[role="status"]');
      clipboard.writeText(source.textContent ?? '').then(
        () => {
          if (status) status.textContent = button.dataset.copied ?? '';
        },
        () => {
          // Without permission the text stays selectable in the box; select it to help.
          const range = document.createRange();
          range.selectNodeContents(source);
          const selection = window.getSelection();
          selection?.removeAllRanges();
          selection?.addRange(range);
        },
      );
    });
  }
}

export const CLIENT_SCRIPT = `(${enhance.toString()})();\n`;
