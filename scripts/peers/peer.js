// The pipeline a Node user runs for the same outputs as mailglot: mjml 5 -> juice -> html-to-text.
// One warm process; one JSON request per line on stdin, one JSON answer per line on stdout:
//   {"id": 1, "mjml": "<mjml>...", "html": false}  ->  {"id": 1, "html": "...", "text": "...", "ms": {...}}
// `"html": false` leaves the HTML out of the answer (benchmarks only need the timings).
'use strict';
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

async function handle(req) {
  const t0 = process.hrtime.bigint();
  // fonts: {} as mailglot does: no Google Fonts <link>s, nothing fetched
  const out = await mjml2html(req.mjml, { validationLevel: 'soft', fonts: {}, keepComments: false });
  const t1 = process.hrtime.bigint();
  const html = juice(out.html);
  const t2 = process.hrtime.bigint();
  const text = req.text === false ? '' : convert(html, TEXT_OPTIONS);
  const t3 = process.hrtime.bigint();
  const ms = (a, b) => Number(b - a) / 1e6;
  return {
    id: req.id,
    html: req.html === false ? undefined : html,
    compiled: req.compiled ? out.html : undefined,
    text: req.html === false ? undefined : text,
    // with "html": false the text is still made (it is part of the timed pipeline)
    errors: out.errors.map((e) => e.formattedMessage || String(e.message)),
    ms: { mjml: ms(t0, t1), inline: ms(t1, t2), text: ms(t2, t3) },
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
