// make bench: one Typst compile to PDF through the Node binding (@myriaddreamin/typst-ts-node-compiler),
// as a whole process, to set beside one vita render.
//   node node.js DIR FONTDIR...     compiles DIR/cv.typ (which reads DIR/cv.yaml) to DIR/cv-node.pdf
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');
const fs = require('fs');
const path = require('path');
const [dir, ...fonts] = process.argv.slice(2);
const compiler = NodeCompiler.create({ workspace: dir, fontArgs: [{ fontPaths: fonts }] });
fs.writeFileSync(path.join(dir, 'cv-node.pdf'), compiler.pdf({ mainFilePath: path.join(dir, 'cv.typ') }));
