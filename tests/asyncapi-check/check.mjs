// Reads one AsyncAPI document from stdin and prints, as JSON, what the AsyncAPI parser (@asyncapi/parser, the parser of
// the AsyncAPI CLI and Studio: the JSON Schema of the spec plus its Spectral rules) says about it: every diagnostic with
// its severity, and, when the document parses, each message with its payload and headers as the parser resolved them
// ($refs followed) and each operation with its channels and messages, so a test can compare them with the code they were generated from.
// Exits 1 when any diagnostic is an error (severity 0), 0 otherwise; warnings and hints are printed, not fatal.
import { readFileSync } from 'node:fs';
import { Parser, DiagnosticSeverity } from '@asyncapi/parser';

const text = readFileSync(0, 'utf8');
const { document, diagnostics } = await new Parser().parse(text);

const severities = { [DiagnosticSeverity.Error]: 'error', [DiagnosticSeverity.Warning]: 'warning', [DiagnosticSeverity.Information]: 'information', [DiagnosticSeverity.Hint]: 'hint' };
const reported = diagnostics.map(d => ({ severity: severities[d.severity] ?? String(d.severity), code: String(d.code), message: d.message, path: d.path.join('/') }));
const errors = reported.filter(d => d.severity === 'error').length;

const messages = document === undefined ? [] : document.allMessages().all().map(message => ({
  id: message.id(),
  name: message.name() ?? null,
  payload: message.hasPayload() ? message.payload().json() : null,
  headers: message.hasHeaders() ? message.headers().json() : null,
}));
// Listed from the operations: Message.operations() of parser 3.6 finds none (it compares a model with an id).
const operations = document === undefined ? [] : document.operations().all().map(operation => ({
  id: operation.id(),
  action: operation.action(),
  channels: operation.channels().all().map(channel => channel.id()),
  messages: operation.messages().all().map(message => message.name() ?? message.id()),
}));

console.log(JSON.stringify({ version: document?.version() ?? null, errors, diagnostics: reported, messages, operations }));
// Not process.exit(): it ends the process before a pipe has taken more than its first 64 KiB of the output.
process.exitCode = errors > 0 ? 1 : 0;
