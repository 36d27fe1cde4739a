// Parses a PowerShell file with tree-sitter's PowerShell grammar (web-tree-sitter + tree-sitter-powershell on
// NODE_PATH) and prints one line per top-level statement, for WindowsActivationTest:
//   assign<TAB>$Env:NAME<TAB>value      an assignment whose whole value is one verbatim ('...') string
//   dot-source<TAB>path                 `. '<path>'`
// Anything else (a syntax error, another kind of statement or value) is printed and ends with exit status 1.
const { Parser, Language } = require('web-tree-sitter');
const fs = require('fs');
const path = require('path');

function verbatim(node) {
  const t = node.text;
  if (node.type !== 'string_literal' || !/^['\u2018\u2019\u201a\u201b]/.test(t)) return null;
  return t.slice(1, -1).replace(/(['\u2018\u2019\u201a\u201b])\1/g, '$1');
}

function only(node, type) {
  const found = node.descendantsOfType(type);
  return found.length === 1 && found[0].text === node.text ? found[0] : null;
}

(async () => {
  await Parser.init();
  const wasm = path.join(path.dirname(require.resolve('tree-sitter-powershell/package.json')),
    'tree-sitter-powershell.wasm');
  const parser = new Parser();
  parser.setLanguage(await Language.load(wasm));
  const tree = parser.parse(fs.readFileSync(process.argv[2], 'utf8'));
  if (tree.rootNode.hasError) {
    console.log('error\t' + tree.rootNode.toString());
    process.exit(1);
  }
  const list = tree.rootNode.namedChildren.find((n) => n.type === 'statement_list');
  for (const st of list ? list.namedChildren : []) {
    const assign = st.descendantsOfType('assignment_expression')[0];
    if (assign) {
      const left = assign.namedChildren[0];
      const value = assign.childForFieldName('value');
      const lit = value && only(value, 'string_literal');
      const v = lit && verbatim(lit);
      if (only(left, 'variable') && v !== null) {
        console.log('assign\t' + left.text + '\t' + v);
        continue;
      }
    }
    const cmd = st.descendantsOfType('command')[0];
    if (cmd && cmd.namedChildren[0] && cmd.namedChildren[0].type === 'command_invokation_operator'
        && cmd.namedChildren[0].text === '.') {
      const lits = cmd.descendantsOfType('string_literal');
      const v = lits.length === 1 && verbatim(lits[0]);
      if (v !== null && v !== false) {
        console.log('dot-source\t' + v);
        continue;
      }
    }
    console.log('other\t' + st.toString());
    process.exit(1);
  }
})().catch((e) => {
  console.log('failed\t' + e);
  process.exit(1);
});
