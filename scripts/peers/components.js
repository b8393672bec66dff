// Every component Node mjml registers, with its allowedAttributes and defaultAttributes, as
// one JSON object on stdout (scripts/mjml_sweep.py reads it). Never needed by mailglot.
'use strict';
require('mjml');
const { components } = require('mjml-core');

const out = {};
for (const [name, component] of Object.entries(components)) {
  out[name] = {
    allowed: component.allowedAttributes || {},
    defaults: component.defaultAttributes || {},
    ending: Boolean(component.endingTag),
    head: component.prototype && typeof component.prototype.handler === 'function',
  };
}
process.stdout.write(JSON.stringify(out) + '\n');
