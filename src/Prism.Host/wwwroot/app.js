'use strict';

// The launcher opens /#token=...: the fragment never reaches a server or a log. The token is read once,
// kept in this closure only, and removed from the address bar.
const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
history.replaceState(null, '', location.pathname);

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const reply = response.headers.get('Content-Type')?.includes('application/json') ? await response.json() : null;
  if (!response.ok) {
    const message = reply?.error?.message
      ?? (response.status === 401 ? 'This page has no valid access token. Open it from the Prism app.' : `HTTP ${response.status}`);
    throw new Error(message);
  }
  return reply;
}

function showError(error) {
  const box = document.getElementById('error');
  box.textContent = error ? error.message : '';
  box.hidden = !error;
}

async function refreshStatus() {
  try {
    const status = await api('GET', '/api/status');
    document.getElementById('status').textContent =
      `Status: ${status.status}${status.has_saved_session ? ' (saved session available)' : ''} — tr-daemon ${status.version}`;
    showError(null);
  } catch (error) {
    document.getElementById('status').textContent = 'Status unknown';
    showError(error);
  }
}

refreshStatus();
