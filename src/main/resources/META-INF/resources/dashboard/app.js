// The live dashboard: one stream of trend events for the chosen platform and window, drawn as lists
// and small charts. Everything from the service is put in the page as text, never as markup.
import { stream } from './sse.js';
import { lines, sentimentColor, colorOf } from './charts.js';

const $ = id => document.getElementById(id);
const KEY = 'social-pulse.api-key';
const WINDOWS = ['1m', '5m', '15m', '1h'];
const HOUR = 3600 * 1000;

const params = new URLSearchParams(location.search);
const view = {
  platform: params.get('platform') || 'all',
  window: WINDOWS.includes(params.get('window')) ? params.get('window') : '1m',
};
const rates = {};      // platform -> [[t, posts per second]] over the last hour
const sentiment = [];  // [[t, mean]] over the last hour
const alerts = [];     // newest first
let previousRising = new Set();
let current = null;
let influencers = null; // the newest influencers of the view
let chosenTag = null;   // the rising or trending tag whose drivers are shown

const key = () => sessionStorage.getItem(KEY);

function li(...cells) {
  const item = document.createElement('li');
  for (const [cls, text] of cells) {
    const span = document.createElement('span');
    span.className = cls;
    span.textContent = text;
    item.append(span);
  }
  return item;
}

/** A link to a profile or post, only for http(s) addresses: anything else is shown as plain text. */
function link(href, text) {
  let url = null;
  try { url = href ? new URL(href) : null; } catch (e) { url = null; }
  if (!url || !['http:', 'https:'].includes(url.protocol)) {
    const span = document.createElement('span');
    span.textContent = text;
    return span;
  }
  const a = document.createElement('a');
  a.href = url.href;
  a.textContent = text;
  a.rel = 'noopener noreferrer';
  a.target = '_blank';
  return a;
}

const number = n => n >= 1e6 ? (n / 1e6).toFixed(1) + ' M' : n >= 1e4 ? Math.round(n / 1e3) + ' k' : String(n);

function accountItem(rank, a, figures) {
  const item = li(['rank', rank]);
  const name = link(a.profileUrl, a.account);
  name.classList.add('tag');
  item.append(name);
  for (const [cls, text] of [['platform', a.platform], ...figures]) {
    const span = document.createElement('span');
    span.className = cls;
    span.textContent = text;
    item.append(span);
  }
  return item;
}

// Past the sketches' size a figure is what an account drew at least: it is shown with '≥'.
const posts = (n, at) => at + n + (n === 1 ? ' post' : ' posts');

function renderInfluencers(data) {
  influencers = data;
  const at = data.exact ? '' : '≥ ';
  $('influencers').replaceChildren(...data.engagement.map(a => accountItem(a.rank, a,
    [['count', at + number(a.engagement) + ' engaged'], ['share', at + (100 * a.share).toFixed(1) + ' %'],
      ['count', posts(a.posts, at)]])));
  $('reach').replaceChildren(...data.reach.map(a => accountItem(a.rank, a,
    [['count', at + number(a.reach) + ' reached'], ['count', posts(a.posts, at)]])));
  renderDrivers();
}

function renderDrivers() {
  const driver = chosenTag && influencers ? influencers.drivers.find(d => d.tag === chosenTag) : null;
  $('driver-tag').textContent = chosenTag ? '#' + chosenTag : 'a trend';
  $('drivers-hint').textContent = !chosenTag ? 'Choose a rising or trending tag.'
    : driver ? '' : `#${chosenTag} is no longer rising or trending.`;
  const at = driver && !driver.exact ? '≥ ' : '';
  $('driver-accounts').replaceChildren(...(driver ? driver.accounts : []).map((a, i) => accountItem(i + 1, a,
    [['count', posts(a.posts, at)], ['count', at + number(a.engagement) + ' engaged']])));
  $('driver-examples').replaceChildren(...(driver ? driver.examples : []).map(e => {
    const item = document.createElement('li');
    const text = link(e.url, e.text);
    text.classList.add('text');
    const meta = document.createElement('span');
    meta.className = 'count';
    meta.textContent = `${e.author || 'someone'} on ${e.platform}, ${number(e.engagement)} engaged`
      + (e.createdAt ? ', ' + new Date(e.createdAt).toLocaleString() : '');
    item.append(text, meta);
    return item;
  }));
}

/** A rising or trending tag as a button that shows who drives it. */
function tagButton(tag) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'tag';
  button.textContent = '#' + tag;
  button.setAttribute('aria-pressed', String(tag === chosenTag));
  button.addEventListener('click', () => {
    chosenTag = tag;
    document.querySelectorAll('#rising button, #trending button')
      .forEach(b => b.setAttribute('aria-pressed', String(b.textContent === '#' + tag)));
    renderDrivers();
  });
  return button;
}

function keep(series, t, value) {
  series.push([t, value]);
  while (series.length && series[0][0] < t - HOUR) series.shift();
}

function showState(state, detail) {
  const out = $('state');
  out.dataset.state = state;
  out.textContent = {
    connecting: 'connecting…',
    live: 'live',
    reconnecting: `connection lost, reconnecting in ${detail} s`,
    stopping: `the service is stopping or busy, reconnecting in ${detail} s`,
    unauthorized: 'this service needs an API key',
  }[state] || state;
  $('key-form').hidden = state !== 'unauthorized';
  if (state === 'unauthorized') $('key').focus();
}

function renderTop(snapshot) {
  const max = Math.max(1, ...snapshot.top.map(t => t.upperBound || t.count));
  $('top').replaceChildren(...snapshot.top.map(t => {
    const item = li(['rank', t.rank], ['tag', '#' + t.tag]);
    const bar = document.createElement('span');
    bar.className = 'bar';
    const fill = document.createElement('span');
    fill.className = 'fill';
    fill.style.width = (100 * t.count / max) + '%';
    const mean = t.sentiment ? t.sentiment.mean : null;
    fill.style.background = sentimentColor(mean);
    fill.title = mean == null ? 'no sentiment' : `mean sentiment ${mean.toFixed(2)}`;
    bar.append(fill);
    item.append(bar);
    const bounds = t.upperBound > t.lowerBound ? ` (${t.lowerBound}–${t.upperBound})` : '';
    const count = document.createElement('span');
    count.className = 'count';
    count.textContent = t.count + bounds;
    item.append(count);
    return item;
  }));
}

function renderRising(snapshot) {
  const now = new Set(snapshot.rising.map(r => r.tag));
  $('rising').replaceChildren(...snapshot.rising.map(r => {
    const item = li(['z', 'z ' + r.z.toFixed(1)], ['count', r.count + ' posts']);
    item.prepend(tagButton(r.tag));
    if (!previousRising.has(r.tag)) item.classList.add('entering');
    return item;
  }));
  previousRising = now;
  $('trending').replaceChildren(...snapshot.trending.map(r => {
    const item = li(['z', 'z ' + r.z.toFixed(1)],
      ['since', r.trendingSince ? 'since ' + new Date(r.trendingSince).toLocaleTimeString() : '']);
    item.prepend(tagButton(r.tag));
    return item;
  }));
}

function renderSide(snapshot) {
  $('mentions').replaceChildren(...snapshot.mentions.slice(0, 10).map(m => li(['tag', '@' + m.tag], ['count', m.count])));
  $('watch').replaceChildren(...snapshot.watch.map(w => li(['tag', w.term], ['count', w.count],
    ['share', (100 * w.share).toFixed(1) + ' %'])));
}

function renderSummary(snapshot) {
  $('summary').textContent = `${snapshot.posts} posts in the last ${snapshot.windowSeconds} s `
    + `(${snapshot.postsPerSecond} per second), mean sentiment ${snapshot.sentiment.mean.toFixed(2)}`;
  const select = $('platform');
  for (const p of Object.keys(snapshot.platforms || {})) {
    if (![...select.options].some(o => o.value === p)) select.add(new Option(p, p));
  }
}

function drawCharts() {
  const colors = {};
  for (const p of Object.keys(rates)) colors[p] = colorOf(p);
  lines($('rate-chart'), rates, colors);
  $('rate-legend').replaceChildren(...Object.keys(rates).map(p => {
    const item = li(['swatch', ''], ['tag', p]);
    item.firstChild.style.background = colors[p];
    return item;
  }));
  lines($('sentiment-chart'), { sentiment }, { sentiment: '#1f5fbf' }, [-1, 1]);
}

function onSnapshot(snapshot, seed) {
  current = snapshot;
  renderSummary(snapshot);
  renderTop(snapshot);
  renderRising(snapshot);
  renderSide(snapshot);
  if (snapshot.influencers) renderInfluencers(snapshot.influencers);
  if (seed) {
    const t = Date.parse(snapshot.ts);
    for (const [p, n] of Object.entries(snapshot.platforms || {})) {
      keep(rates[p] = rates[p] || [], t, n / Math.max(1, snapshot.windowSeconds));
    }
    keep(sentiment, t, snapshot.sentiment.mean);
    drawCharts();
  }
}

function onEvent(e) {
  const data = JSON.parse(e.data);
  if (e.event === 'snapshot') onSnapshot(data, true);
  else if (e.event === 'trends') onSnapshot(data, false);
  else if (e.event === 'influencers') renderInfluencers(data);
  else if (e.event === 'sentiment') {
    keep(sentiment, Date.parse(data.ts), data.sentiment.mean);
  } else if (e.event === 'stats') {
    const t = Date.parse(data.ts);
    for (const [p, n] of Object.entries(data.platforms || {})) keep(rates[p] = rates[p] || [], t, n / 60);
    drawCharts();
  } else if (e.event === 'alert') {
    alerts.unshift(data);
    alerts.length = Math.min(alerts.length, 20);
    $('alerts').replaceChildren(...alerts.map(a => li(['time', new Date(a.ts).toLocaleTimeString()],
      ['tag', (a.watched ? '★ ' : '') + a.term], ['z', `${a.kind}, z ${a.z.toFixed(1)}, ${a.count} posts`])));
  }
}

async function loadSources() {
  const headers = key() ? { Authorization: 'Bearer ' + key() } : {};
  try {
    const response = await fetch('sources', { headers, cache: 'no-store' });
    if (!response.ok) {
      $('sources-note').textContent = response.status === 401 ? 'needs an API key' : `HTTP ${response.status}`;
      return;
    }
    $('sources-note').textContent = '';
    const rows = (await response.json()).map(s => {
      const row = document.createElement('tr');
      for (const text of [s.id, s.state, s.until ? new Date(s.until).toLocaleTimeString() : '', s.posts,
        s.quarantined, s.lastError || '']) {
        const cell = document.createElement('td');
        cell.textContent = text;
        row.append(cell);
      }
      row.dataset.state = s.state;
      return row;
    });
    $('sources').replaceChildren(...rows);
  } catch (e) {
    $('sources-note').textContent = 'unreachable';
  }
}

let live = null;
function connect() {
  if (live) live.close();
  const url = new URL('trends/stream', location.href);
  url.searchParams.set('platform', view.platform);
  url.searchParams.set('window', view.window);
  url.searchParams.set('limit', '15');
  previousRising = new Set();
  live = stream(url, key, { state: showState, event: onEvent });
  history.replaceState(null, '', '?' + new URLSearchParams(view));
}

function start() {
  const platform = $('platform');
  if (![...platform.options].some(o => o.value === view.platform)) platform.add(new Option(view.platform, view.platform));
  platform.value = view.platform;
  const windowSelect = $('window');
  windowSelect.value = view.window;
  platform.addEventListener('change', () => { view.platform = platform.value; connect(); });
  windowSelect.addEventListener('change', () => { view.window = windowSelect.value; connect(); });
  $('key-form').addEventListener('submit', e => {
    e.preventDefault();
    sessionStorage.setItem(KEY, $('key').value.trim());
    $('key').value = '';
    connect();
    loadSources();
  });
  connect();
  loadSources();
  setInterval(loadSources, 10000);
}

start();
