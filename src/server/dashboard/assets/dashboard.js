// The dashboard's only script (an ES module, served from the package: no CDN, no inline code).
// The server renders every part; this ticks the clocks, sends the buttons, and swaps in fresh
// parts (those marked data-live) when the change stream reports that the store moved.

/** `0:42:05`: the same clock the server renders (src/render/format.ts formatClock). */
function clock(total) {
  const s = Math.max(0, Math.floor(total));
  const pad = (n) => String(n).padStart(2, '0');
  return `${Math.floor(s / 3600)}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

let renderedAt = performance.now();

function tick() {
  const elapsed = (performance.now() - renderedAt) / 1000;
  for (const el of document.querySelectorAll('.clock[data-seconds]')) {
    const base = Number(el.dataset.seconds);
    el.textContent = clock(el.dataset.running === '1' ? base + elapsed : base);
  }
}

function say(text) {
  const message = document.querySelector('.message');
  if (message) message.textContent = text;
}

/** Fetches the live parts for the current filters and replaces each by its id. */
async function refresh() {
  const response = await fetch(`/dashboard/live${location.search}`, { credentials: 'same-origin' });
  if (!response.ok) return;
  const template = document.createElement('template');
  template.innerHTML = await response.text();
  for (const part of template.content.querySelectorAll('[data-live][id]')) {
    document.getElementById(part.id)?.replaceWith(part);
  }
  renderedAt = performance.now();
  tick();
}

/** A write through stint's own API; a refusal is shown in one line. */
async function send(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    say(problem.message ?? problem.error ?? `Refused (${response.status})`);
    return false;
  }
  say('');
  await refresh();
  return true;
}

document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button[data-action]') : null;
  if (!button) return;
  button.disabled = true;
  send(`/api/stint/sessions/${button.dataset.id}/${button.dataset.action}`).finally(() => {
    button.disabled = false;
  });
});

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.dataset.action !== 'start') return;
  event.preventDefault();
  const task = new FormData(form).get('task');
  send('/api/stint/sessions/start', { task }).then((ok) => {
    if (ok) form.reset();
  });
});

function listen() {
  const status = document.getElementById('connection');
  const events = new EventSource('/api/stint/events');
  events.addEventListener('open', () => {
    if (status) status.textContent = 'live';
    status?.classList.add('on');
  });
  events.addEventListener('change', () => refresh());
  events.addEventListener('error', () => {
    if (status) status.textContent = 'reconnecting';
    status?.classList.remove('on');
  });
}

setInterval(tick, 1000);
listen();
