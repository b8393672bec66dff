// The pipeline a Node user runs for the same outputs as mailglot: mjml 5 -> juice -> html-to-text.
// One warm process; one JSON request per line on stdin, one JSON answer per line on stdout:
//   {"id": 1, "mjml": "<mjml>...", "html": false}  ->  {"id": 1, "html": "...", "text": "...", "ms": {...}}
// `"html": false` leaves the HTML out of the answer (benchmarks only need the timings);
// `"out": DIR` also writes email.mjml, email.html, email.txt and email.eml there.
'use strict';
const fs = require('fs');
const path = require('path');
const readline = require('readline');
const mjml2html = require('mjml');
const juiceModule = require('juice');
const juice = juiceModule.default || juiceModule;
const { convert } = require('html-to-text');

const TEXT_OPTIONS = {
  wordwrap: false,
  selectors: [
    { selector: 'img', format: 'skip' },
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
  ],
};

function base64Lines(text) {
  return Buffer.from(text, 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');
}

// What a Node user would write for a test send: a multipart/alternative .eml, built by hand
// (nodemailer is not part of this comparison), UTF-8 parts in base64.
function eml(subject, text, html) {
  const boundary = 'b' + Date.now().toString(36);
  return [
    'From: Brand <hello@brand.example>',
    'To: alex@example.com',
    `Subject: =?utf-8?B?${Buffer.from(subject, 'utf8').toString('base64')}?=`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(text),
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(html),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

function writeOutputs(dir, mjml, html, text, subject) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'email.mjml'), mjml);
  fs.writeFileSync(path.join(dir, 'email.html'), html);
  fs.writeFileSync(path.join(dir, 'email.txt'), text);
  fs.writeFileSync(path.join(dir, 'email.eml'), eml(subject, text, html));
}

async function handle(req) {
  const t0 = process.hrtime.bigint();
  // fonts: {} as mailglot does: no Google Fonts <link>s, nothing fetched
  const out = await mjml2html(req.mjml, { validationLevel: 'soft', fonts: {}, keepComments: false });
  const t1 = process.hrtime.bigint();
  const html = juice(out.html);
  const t2 = process.hrtime.bigint();
  const text = req.text === false ? '' : convert(html, TEXT_OPTIONS);
  const t3 = process.hrtime.bigint();
  if (req.out) {
    writeOutputs(req.out, req.mjml, html, text, req.subject || '');
  }
  const t4 = process.hrtime.bigint();
  const ms = (a, b) => Number(b - a) / 1e6;
  return {
    id: req.id,
    html: req.html === false ? undefined : html,
    compiled: req.compiled ? out.html : undefined,
    text: req.html === false ? undefined : text,
    // with "html": false the text is still made (it is part of the timed pipeline)
    errors: out.errors.map((e) => e.formattedMessage || String(e.message)),
    ms: { mjml: ms(t0, t1), inline: ms(t1, t2), text: ms(t2, t3), files: ms(t3, t4), total: ms(t0, t4) },
  };
}

const rl = readline.createInterface({ input: process.stdin, terminal: false });
let chain = Promise.resolve();
rl.on('line', (line) => {
  if (!line.trim()) return;
  const req = JSON.parse(line);
  chain = chain.then(async () => {
    let answer;
    try {
      answer = await handle(req);
    } catch (err) {
      answer = { id: req.id, error: String(err && err.message ? err.message : err) };
    }
    process.stdout.write(JSON.stringify(answer) + '\n');
  });
});
