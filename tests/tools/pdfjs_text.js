// The text pdf.js (Mozilla's PDF reader, Firefox's viewer) extracts from a PDF, as a viewer's
// text layer has it: the text items of each page in order, a newline where pdf.js ends a line.
//   NODE_PATH=<folder with node_modules> node tests/tools/pdfjs_text.js FILE.pdf > FILE.txt
// Used by tests/sh/extract_words.sh; pdfjs-dist is installed from the npm registry into a cache.
'use strict';
const fs = require('fs');
const pdfjs = require('pdfjs-dist/legacy/build/pdf.js');

async function main(path) {
	const data = new Uint8Array(fs.readFileSync(path));
	const doc = await pdfjs.getDocument({ data, verbosity: 0, isEvalSupported: false }).promise;
	const out = [];
	for (let p = 1; p <= doc.numPages; p++) {
		const page = await doc.getPage(p);
		const content = await page.getTextContent();
		for (const item of content.items) {
			out.push(item.str);
			if (item.hasEOL)
				out.push('\n');
		}
		out.push('\n');
	}
	process.stdout.write(out.join(''));
}

main(process.argv[2]).catch((e) => {
	process.stderr.write(`pdfjs_text: ${e && e.message ? e.message : e}\n`);
	process.exit(1);
});
