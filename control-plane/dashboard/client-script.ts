/**
 * The dashboard's progressive enhancement, inlined by the layout. Without it every action still
 * works (plain forms, a confirmation page, a meta refresh); with it: a confirm() dialog instead of
 * the confirmation page, live state cells while an operation runs, busy buttons, a copy button.
 */
export const DASHBOARD_SCRIPT = `
(() => {
  const rows = document.querySelector('tbody[data-live]');
  const transient = () => rows && rows.querySelector('tr[data-state="creating"], tr[data-state="removing"]');
  const refreshRows = async () => {
    try {
      const answer = await fetch(rows.dataset.live, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
      if (answer.ok) rows.innerHTML = await answer.text();
    } catch (error) {
      // The platform may be restarting: keep the rows shown and try again.
    }
    if (transient()) setTimeout(refreshRows, 1000);
  };
  if (transient()) setTimeout(refreshRows, 1000);

  document.addEventListener('submit', (event) => {
    const form = event.target;
    const question = form.dataset.confirm;
    if (question) {
      if (!window.confirm(question)) {
        event.preventDefault();
        return;
      }
      form.elements.namedItem('confirmed').value = 'yes';
    }
    const button = form.querySelector('button[type="submit"], button:not([type])');
    if (button && form.dataset.busy) {
      // After this event: a disabled button would not submit its form.
      setTimeout(() => {
        button.disabled = true;
        button.textContent = form.dataset.busy;
      });
    }
  });

  document.addEventListener('click', async (event) => {
    const button = event.target.closest('button[data-copy]');
    if (!button) return;
    const text = document.getElementById(button.dataset.copy).textContent;
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = 'Copied';
    } catch (error) {
      button.textContent = 'Select and copy';
    }
    setTimeout(() => (button.textContent = 'Copy'), 1500);
  });
  document.querySelectorAll('button[data-copy]').forEach((button) => (button.hidden = false));
})();
`;
