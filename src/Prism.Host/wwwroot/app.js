'use strict';

// The launcher opens /#token=...: a fragment never reaches a server or a log. The token is read once, kept in
// this script's memory only, and removed from the address bar.
const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
history.replaceState(null, '', location.pathname);

const $ = (id) => document.getElementById(id);
const sections = ['login', 'second-factor', 'portfolio'];
let countdownTimer = null;

/** Calls the host's API; throws an Error whose message is written for people. */
async function api(method, path, body) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new Error('Prism does not answer. Is the app still running?');
  }

  const isJson = response.headers.get('Content-Type')?.includes('application/json');
  const reply = isJson ? await response.json() : null;
  if (!response.ok) {
    const message = reply?.error?.message
      ?? (response.status === 401 ? 'This page has no valid access token. Open it from the Prism app.' : `The request failed (HTTP ${response.status}).`);
    const error = new Error(message);
    error.code = reply?.error?.name;
    throw error;
  }
  return reply;
}

/** Runs an action with a progress message, buttons disabled, and its error shown. */
async function busy(message, action) {
  $('busy').textContent = message;
  $('busy').hidden = false;
  showError(null);
  document.querySelectorAll('button').forEach((button) => { button.disabled = true; });
  try {
    return await action();
  } catch (error) {
    showError(error);
    return undefined;
  } finally {
    $('busy').hidden = true;
    document.querySelectorAll('button').forEach((button) => { button.disabled = false; });
  }
}

function showError(error) {
  $('error').textContent = error ? error.message : '';
  $('error').hidden = !error;
}

function show(section) {
  sections.forEach((name) => { $(name).hidden = name !== section; });
}

function startCountdown(element, seconds) {
  clearInterval(countdownTimer);
  const deadline = Date.now() + seconds * 1000;
  const tick = () => {
    const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    element.textContent = left > 0 ? `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}` : 'expired — log in again';
    if (left === 0) clearInterval(countdownTimer);
  };
  tick();
  countdownTimer = setInterval(tick, 1000);
}

const factorLabels = { authenticator_code: 'Code from your authenticator app', sms_code: 'Code from the SMS' };

/** The second-factor step: a code field, or waiting for approval in the app (the confirm call waits for it). */
async function secondFactor(kind, secondsLeft) {
  show('second-factor');
  const approval = kind === 'app_approval';
  $('approval').hidden = !approval;
  $('code-form').hidden = approval;
  $('status').textContent = 'Waiting for the second factor';
  if (approval) {
    startCountdown($('approval-countdown'), secondsLeft);
    const result = await busy('Waiting for your approval in the Trade Republic app…', () => api('POST', '/api/confirm-2fa', {}));
    if (result?.status === 'authenticated') await loadPortfolio();
    else await refresh();
  } else {
    $('code-label').textContent = factorLabels[kind] ?? 'Code';
    startCountdown($('code-countdown'), secondsLeft);
    $('code').value = '';
    $('code').focus();
  }
}

async function refresh() {
  clearInterval(countdownTimer);
  const status = await busy('Checking the connection…', () => api('GET', '/api/status'));
  if (!status) {
    $('status').textContent = 'Connection state unknown';
    return;
  }

  if (status.status === 'authenticated') {
    await loadPortfolio();
  } else if (status.status === 'waiting_2fa') {
    const secondsLeft = status.expires_at ? (Date.parse(status.expires_at) - Date.now()) / 1000 : 0;
    await secondFactor(status.second_factor, secondsLeft);
  } else {
    $('status').textContent = 'Not connected';
    $('restore-only-label').hidden = !status.has_saved_session;
    show('login');
  }
}

async function login(event) {
  event.preventDefault();
  const body = { phone: $('phone').value.trim(), pin: $('pin').value };
  if ($('restore-only').checked) body.restore_only = true;
  // The PIN leaves the page's fields as soon as it is sent.
  $('pin').value = '';
  const result = await busy('Logging in…', () => api('POST', '/api/login', body));
  if (!result) return;
  if (result.status === 'authenticated') await loadPortfolio();
  else await secondFactor(result.second_factor, result.countdown ?? 0);
}

async function confirmCode(event) {
  event.preventDefault();
  const code = $('code').value.trim();
  $('code').value = '';
  const result = await busy('Confirming the code…', () => api('POST', '/api/confirm-2fa', { token: code }));
  if (result?.status === 'authenticated') await loadPortfolio();
}

async function loadPortfolio() {
  clearInterval(countdownTimer);
  $('status').textContent = 'Connected';
  show('portfolio');
  const portfolio = await busy('Loading the portfolio…', () => api('GET', '/api/portfolio'));
  if (portfolio) renderPortfolio(portfolio);
}

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text ?? '–';
  if (className) td.className = className;
  return td;
}

function renderPortfolio({ positions, cash }) {
  $('positions').replaceChildren(...positions.map((position) => {
    const row = document.createElement('tr');
    row.append(cell(position.name), cell(position.isin), cell(position.quantity, 'number'),
      cell(position.average_buy_in, 'number'), cell(position.price, 'number'), cell(position.value, 'number'));
    return row;
  }));
  $('positions-total').textContent = sumDecimals(positions.map((position) => position.value));
  $('cash').replaceChildren(...cash.map((balance) => {
    const row = document.createElement('tr');
    row.append(cell(balance.currency), cell(balance.amount, 'number'));
    return row;
  }));
}

/** Adds decimal strings exactly (the daemon sends decimals as strings so that nothing rounds them). */
function sumDecimals(values) {
  const known = values.filter((value) => /^-?\d+(\.\d+)?$/.test(value ?? ''));
  const scale = Math.max(0, ...known.map((value) => (value.split('.')[1] ?? '').length));
  let sum = 0n;
  for (const value of known) {
    const [whole, fraction = ''] = value.replace('-', '').split('.');
    const scaled = BigInt(whole + fraction.padEnd(scale, '0'));
    sum += value.startsWith('-') ? -scaled : scaled;
  }
  const digits = (sum < 0n ? -sum : sum).toString().padStart(scale + 1, '0');
  const text = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  const partial = known.length < values.length ? ' (without positions that have no value)' : '';
  return `${sum < 0n ? '-' : ''}${text}${partial}`;
}

async function logout() {
  const result = await busy('Logging out…', () => api('POST', '/api/logout'));
  if (result) await refresh();
}

$('login-form').addEventListener('submit', login);
$('code-form').addEventListener('submit', confirmCode);
$('logout').addEventListener('click', logout);
$('refresh').addEventListener('click', loadPortfolio);
refresh();
