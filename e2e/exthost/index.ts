// Entry point the VS Code extension host loads for --extensionTestsPath:
// runs the mocha suites below inside the real extension host, with the real `vscode` API.
import Mocha from 'mocha';
import { suite } from './extension.test.ts';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false });
  mocha.suite.emit('pre-require', globalThis, 'extension.test', mocha);
  suite();
  return new Promise((done, fail) => {
    mocha.run((failures) => (failures > 0 ? fail(new Error(`${failures} extension-host test(s) failed`)) : done()));
  });
}
