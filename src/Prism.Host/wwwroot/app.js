import * as D from './decimals.js';
import { figures, allocation, countInWords } from './holdings.js';
import { allocationPicture } from './allocation.js';

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

function cell(content, className) {
  const td = document.createElement('td');
  if (className) td.className = className;
  if (content === null || content === undefined) td.textContent = '–';
  else td.append(...[content].flat());
  return td;
}

/** A `tag` element holding `text`. */
function textElement(tag, text, className) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  element.textContent = text;
  return element;
}

const span = (text, className) => textElement('span', text, className);
const paragraph = (text, className) => textElement('p', text, className);

/** A gain or loss: signed amount and percentage, marked up and down in words of sign, not only in colour. */
function gainContent(gain, percent) {
  if (!gain) return null;
  const direction = D.isZero(gain) ? 'even' : D.isNegative(gain) ? 'down' : 'up';
  const amount = span(D.format(gain, { places: 2, signed: true }), `gain ${direction}`);
  return percent ? [amount, ' ', span(`(${D.format(percent, { signed: true })} %)`, `gain-percent ${direction}`)] : [amount];
}

/** A decimal from the daemon with its digits as sent, thousands grouped; anything else as it is. */
function readable(text) {
  const decimal = D.parse(text);
  return decimal ? D.format(decimal) : text;
}

function positionRow(holding) {
  const row = document.createElement('tr');
  const percentSign = holding.inPercent ? ' %' : '';
  const security = [span(holding.name, 'name')];
  if (holding.id && holding.id !== holding.name) security.push(' ', span(holding.id, 'id'));
  const price = holding.price === null ? null
    : [span(`${readable(holding.price)}${percentSign}`, 'amount'), ...(holding.exchange ? [' ', span(holding.exchange, 'venue')] : [])];
  row.append(
    cell(security, 'security'),
    cell(readable(holding.quantity), 'number'),
    cell(holding.buyIn === null ? null : `${readable(holding.buyIn)}${percentSign}`, 'number'),
    cell(price, 'number price'),
    cell(holding.value ? D.format(holding.value, { places: 2 }) : null, 'number value'),
    cell(gainContent(holding.gain, holding.gainPercent), 'number gain-cell'),
  );
  return row;
}

/** "One position has no price and is left out of the totals: Wirecard." — null when none is missing it. */
function leftOutNote(holdings, missing, leftOutOf) {
  if (!holdings.length) return null;
  const names = holdings.map((h) => h.name).join(', ');
  return holdings.length === 1
    ? `One position has no ${missing} and is left out of ${leftOutOf}: ${names}.`
    : `${countInWords(holdings.length, true)} positions have no ${missing} and are left out of ${leftOutOf}: ${names}.`;
}

/** Which positions the totals leave out, in words: the totals never pretend that nothing priced is worth 0. */
function totalsNotes({ holdings, unpriced, withoutBuyIn }) {
  const notes = holdings.length && unpriced.length === holdings.length
    ? [`None of the ${countInWords(holdings.length)} positions has a price yet, so there are no totals. Try Refresh in a moment.`]
    : [leftOutNote(unpriced, 'price', 'the totals'), leftOutNote(withoutBuyIn, 'buy-in', 'cost and gain/loss')];
  return notes.filter(Boolean).map((text) => paragraph(text));
}

/** The allocation picture, said to leave out what has no price; none at all while no position has a price (cash alone would read as 100 %). */
function allocationView(view) {
  const { holdings, unpriced } = view;
  const picture = holdings.length > unpriced.length || !holdings.length ? allocationPicture(allocation(view)) : null;
  if (!picture) return paragraph('Nothing is priced yet, so there is no allocation to show.', 'notes');
  if (!unpriced.length) return picture;
  const without = unpriced.length === 1 ? 'the position that has no price' : `the ${countInWords(unpriced.length)} positions that have no price`;
  return [paragraph(`Without ${without}.`, 'notes'), picture];
}

function renderPortfolio(portfolio) {
  const view = figures(portfolio);
  $('positions').replaceChildren(...view.holdings.map(positionRow));
  $('bond-note').hidden = !view.holdings.some((h) => h.inPercent);
  const { totals } = view;
  $('total-value').textContent = totals.value ? D.format(totals.value, { places: 2 }) : '–';
  $('total-cost').textContent = totals.cost ? D.format(totals.cost, { places: 2 }) : '–';
  $('total-gain').replaceChildren(...(gainContent(totals.gain, totals.gainPercent) ?? ['–']));
  $('totals-notes').replaceChildren(...totalsNotes(view));
  $('cash').replaceChildren(...view.cash.map((balance) => {
    const row = document.createElement('tr');
    row.append(cell(balance.currency), cell(balance.amount ? D.format(balance.amount, { places: 2 }) : balance.text, 'number'));
    return row;
  }));
  $('allocation').replaceChildren(...[allocationView(view)].flat());

  const now = new Date();
  $('updated-time').dateTime = now.toISOString();
  $('updated-time').textContent = now.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
  $('updated').hidden = false;
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
