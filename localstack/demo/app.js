// The demo page: sign in as a demo user, upload images with a POST policy
// (post-policy) or STS credentials (sts-token + ali-oss), then show each
// variant the thumbnail function writes as soon as it exists.
'use strict';

const state = { cfg: null, user: null };
const $ = (sel) => document.querySelector(sel);

// Variants are polled this often, and given up on after this long.
const POLL_MS = 250;
const GIVE_UP_MS = 60000;

async function main() {
  const res = await fetch('config.json', { cache: 'no-store' });
  state.cfg = await res.json();
  for (const u of state.cfg.users) {
    $('#user').append(new Option(u.name, u.name));
  }
  if (!state.cfg.aliOSS) {
    $('#mode-sts').disabled = true;
    $('#mode-sts').parentElement.title = 'ali-oss is not installed (run ./scripts/bootstrap)';
  } else {
    const s = document.createElement('script');
    s.src = state.cfg.aliOSS;
    document.head.append(s);
  }
  $('#limits').textContent = `Allowed: ${state.cfg.contentTypes.join(', ')}; at most ${mb(state.cfg.maxSize)}.`;
  $('#signin').addEventListener('click', signIn);
  $('#upload').addEventListener('click', uploadAll);
}

function signIn() {
  state.user = state.cfg.users.find((u) => u.name === $('#user').value);
  $('#who').textContent = `Signed in as ${state.user.name}.`;
  $('#upload-panel').hidden = false;
}

function mb(n) { return `${(n / 1048576).toFixed(n % 1048576 ? 1 : 0)} MB`; }

// callFunction calls an HTTP function with the user's token and returns
// its JSON, or throws an Error whose message is fit to show.
async function callFunction(name, path, init = {}) {
  const headers = Object.assign({ Authorization: `Bearer ${state.user.token}` }, init.headers || {});
  const res = await fetch(state.cfg.functions[name] + path, Object.assign({}, init, { headers }));
  let body = null;
  try { body = await res.json(); } catch (_) { /* not JSON: a gateway error */ }
  if (res.ok) return body;
  const msg = body && body.error ? body.error.message : `${name} answered ${res.status}`;
  const code = body && body.error ? body.error.code : '';
  if (res.status === 401) throw new Error(`Refused: your sign-in expired or is not valid (${msg}). Sign in again.`);
  if (code === 'too_large' || res.status === 413) throw new Error(`Refused: too big. ${msg}.`);
  if (res.status === 400 && /contentType/.test(msg)) throw new Error(`Refused: wrong type. ${msg}.`);
  throw new Error(`Refused: ${msg}.`);
}

// ossRefusal turns an OSS XML error into a message fit to show.
function ossRefusal(status, xml) {
  const code = (/<Code>([^<]*)<\/Code>/.exec(xml) || [])[1] || `HTTP ${status}`;
  const text = (/<Message>([^<]*)<\/Message>/.exec(xml) || [])[1] || '';
  if (code === 'EntityTooLarge' || /too large|content-length-range/i.test(text)) return `Refused by OSS: too big. ${text}`;
  if (/expire/i.test(text) || code === 'AccessDenied' && /expire/i.test(xml)) return `Refused by OSS: the upload permission expired. Try again. ${text}`;
  if (/content-type/i.test(text)) return `Refused by OSS: wrong type. ${text}`;
  return `Refused by OSS: ${code}. ${text}`;
}

function uploadAll() {
  const mode = document.querySelector('input[name=mode]:checked').value;
  for (const file of $('#files').files) {
    const card = $('#upload-card').content.firstElementChild.cloneNode(true);
    card.querySelector('.name').textContent = file.name;
    $('#uploads').prepend(card);
    const run = mode === 'sts' ? uploadSTS : uploadPost;
    run(file, card).then((key) => showVariants(key, file.type, card), (err) => {
      setState(card, 'refused', err.message);
    });
  }
}

function setState(card, s, message) {
  card.dataset.state = s;
  card.querySelector('.message').textContent = message;
}

// uploadPost asks post-policy for a PostObject form and posts the file
// with it, reporting progress; it resolves to the object key.
async function uploadPost(file, card) {
  setState(card, 'granting', 'Asking post-policy for an upload form…');
  const grant = await callFunction('post-policy', '', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ filename: file.name, contentType: file.type, size: file.size }),
  });
  const form = new FormData();
  for (const [k, v] of Object.entries(grant.fields)) form.append(k, v);
  form.append('file', file);
  setState(card, 'uploading', 'Uploading…');
  await new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(grant.method, grant.url);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) card.querySelector('progress').value = 100 * e.loaded / e.total; };
    xhr.onload = () => (xhr.status < 300 ? resolve() : reject(new Error(ossRefusal(xhr.status, xhr.responseText))));
    xhr.onerror = () => reject(new Error('Upload failed: the storage endpoint could not be reached.'));
    xhr.send(form);
  });
  return grant.key;
}

// uploadSTS gets scoped STS credentials from sts-token and uploads with
// ali-oss under the prefix they allow; it resolves to the object key.
async function uploadSTS(file, card) {
  const cfg = state.cfg;
  if (!cfg.contentTypes.includes(file.type)) throw new Error(`Refused: wrong type. ${file.type || 'unknown'} is not one of ${cfg.contentTypes.join(', ')}.`);
  if (file.size > cfg.maxSize) throw new Error(`Refused: too big. ${mb(file.size)} is over the ${mb(cfg.maxSize)} limit.`);
  setState(card, 'granting', 'Asking sts-token for credentials…');
  const c = await callFunction('sts-token', '');
  const client = new window.OSS({
    endpoint: c.Endpoint, region: `oss-${c.Region}`, bucket: c.Bucket, accessKeyId: c.AccessKeyId,
    accessKeySecret: c.AccessKeySecret, stsToken: c.SecurityToken, authorizationV4: true, sldEnable: true, secure: false,
  });
  const ext = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }[file.type];
  const rand = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
  const key = `${c.Prefix}${rand}.${ext}`;
  setState(card, 'uploading', 'Uploading…');
  try {
    await client.multipartUpload(key, file, {
      partSize: 1 << 20, mime: file.type,
      progress: (p) => { card.querySelector('progress').value = 100 * p; },
    });
  } catch (e) {
    if (e.status) throw new Error(ossRefusal(e.status, `<Code>${e.code}</Code><Message>${e.message}</Message>`));
    throw new Error(`Upload failed: ${e.message}`);
  }
  return key;
}

// showVariants polls for every style's variant of key and renders each as
// it appears. Auto-format styles are jpg, or png for a source with alpha.
async function showVariants(key, type, card) {
  card.querySelector('progress').value = 100;
  setState(card, 'processing', `Uploaded as ${key}. Waiting for variants…`);
  const { sourcePrefix, variantKey, styles } = state.cfg;
  const rel = key.slice(sourcePrefix.length).replace(/\.[^./]*$/, '');
  const variant = (style, ext) => variantKey.replace('{path}', rel).replace('{style}', style).replace('{ext}', ext);
  const started = Date.now();
  const shown = await Promise.all(styles.map(async (s) => {
    const fig = document.createElement('figure');
    fig.className = 'variant pending';
    fig.dataset.style = s.name;
    fig.innerHTML = '<img alt=""><figcaption></figcaption>';
    fig.querySelector('figcaption').textContent = `${s.name} …`;
    card.querySelector('.variants').append(fig);
    const exts = s.format ? [s.format] : (type === 'image/png' ? ['png', 'jpg'] : ['jpg']);
    const urls = await Promise.all(exts.map((e) => callFunction('post-policy', `url?key=${encodeURIComponent(variant(s.name, e))}`)));
    while (Date.now() - started < GIVE_UP_MS) {
      for (const g of urls) {
        let res = null;
        try { res = await fetch(g.url, { cache: 'no-store' }); } catch (_) { /* not there yet */ }
        if (res && res.ok) {
          const blob = await res.blob();
          const img = fig.querySelector('img');
          img.src = URL.createObjectURL(blob);
          await img.decode().catch(() => {});
          img.alt = `${s.name} variant`;
          fig.classList.remove('pending');
          fig.querySelector('figcaption').textContent = `${s.name} · ${g.key.split('.').pop()} · ${img.naturalWidth}×${img.naturalHeight} · ${Math.round(blob.size / 1024)} KB`;
          return true;
        }
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    fig.querySelector('figcaption').textContent = `${s.name}: did not appear`;
    return false;
  }));
  const n = shown.filter(Boolean).length;
  if (n === styles.length) setState(card, 'done', `Uploaded as ${key}. All ${n} variants ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  else setState(card, 'failed', `Uploaded as ${key}, but ${styles.length - n} of ${styles.length} variants did not appear within ${GIVE_UP_MS / 1000} s.`);
}

main().catch((e) => { $('#who').textContent = `The demo could not start: ${e.message}`; });
