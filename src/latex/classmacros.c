/*
 * The class's TeX macros (vita-THEME.cls, written by class.c): the page layout and packages, the
 * header (\name, \connection, \makecvheader), the building blocks of entries (\cvline, \cvrow and
 * its row counting, the degree column, highlights, the text entries) and the section titles.  They
 * are the same for every theme but for the section title type and the numbers class.c writes in
 * the lengths and settings, so they are written here as text, apart from the settings' table.
 */
#include <stddef.h>

#include "latex/latex_internal.h"

/* One section title macro per design.section_titles.type; \cvsectiontitle is the theme's. */
void latex_put_section_macros(vita_buf *b, const vita_style *st)
{
	buf_puts(b, "\\newcommand\\cvtitlerule{\\leaders\\hrule height \\cvtitlelinethickness\\hfill\\kern0pt}\n"
	            "\\newcommand\\cvtitlerulemid{\\leaders\\hbox{\\rule[\\dimexpr 0.5\\fontcharht"
	            "\\font`H-0.5\\cvtitlelinethickness]{1pt}{\\cvtitlelinethickness}}\\hfill\\kern0pt}\n");
	static const char *const body[] = {
	    "#1\\ \\cvtitlerule\\par",
	    "#1\\par\\nobreak\\vspace{0.3\\cvbodysize}\\hrule height \\cvtitlelinethickness",
	    "#1\\par",
	    "\\makebox[\\dimexpr\\cvdatewidth+\\cvsidespace]{\\cvtitlerulemid}\\hspace{\\cvcolumnsep}#1\\par",
	    "\\centering #1\\par",
	    "\\cvtitlerule\\hspace{0.3em}#1\\hspace{0.3em}\\cvtitlerule\\par",
	    "\\cvtitlerulemid\\hspace{0.3em}#1\\hspace{0.3em}\\cvtitlerulemid\\par",
	    "\\centering #1\\par\\nobreak\\vspace{0.3\\cvbodysize}\\hrule height \\cvtitlelinethickness"};
	for (size_t k = 0; k < sizeof body / sizeof body[0]; k++)
		buf_printf(b, "\\expandafter\\def\\csname cvsection@%s\\endcsname#1{%s}\n", latex_title_names[k], body[k]);
	buf_printf(b, "\\expandafter\\let\\expandafter\\cvsectiontitle\\csname cvsection@%s\\endcsname\n",
	           latex_title_names[st->title_type]);
	buf_puts(b, "% \\cvsection{title}: a section (a PDF bookmark, and the numbering of numbered entries).\n"
	            "\\newcounter{cvsection}\\newcounter{cvitem}\\newcounter{cventries}\n"
	            "\\newcommand\\cvsection[1]{%\n"
	            "  \\par\\ifnum\\value{cvsection}>0 \\cvgap{\\cvtitlespaceabove}\\fi\n"
	            "  \\cvsavecount\\stepcounter{cvsection}\\setcounter{cvitem}{0}\\setcounter{cventries}{0}%\n"
	            "  \\cvfirstentrytrue\n"
	            "  \\pdfbookmark[0]{#1}{cvsection.\\arabic{cvsection}}%\n"
	            "  {\\noindent\\parfillskip=0pt\\cvsectiontitlesstyle\\cvsectiontitle{#1}\\cvbaseline\n"
	            "   \\global\\cvtitlegap=\\dimexpr\\cvtitlespacebelow+0.125em\\relax}\\nobreak}\n"
	            "\\newlength\\cvtitlegap\n"
	            "% How many entries each section has (for reversed numbering) and its widest degree word,\n% kept in the .aux file.\n"
	            "\\newcommand\\cvsavecount{\\ifnum\\value{cvsection}>0\n"
	            "  \\immediate\\write\\@auxout{\\string\\global\\string\\@namedef{cvcount@\\arabic{cvsection}}"
	            "{\\arabic{cvitem}}}%\n"
	            "  \\immediate\\write\\@auxout{\\string\\global\\string\\@namedef{cventries@\\arabic{cvsection}}"
	            "{\\arabic{cventries}}}%\n"
	            "  \\immediate\\write\\@auxout{\\string\\global\\string\\@namedef{cvdegree@\\arabic{cvsection}}"
	            "{\\the\\cvwidest}}\\fi\\global\\cvwidest=\\z@}\n"
	            "\\AtEndDocument{\\cvsavecount}\n\n");
}

/* The main column's rows as vita's PDF sets them (layout/blocks.c, RenderCV's rule): with
 * entries.short_second_row false only the first rows, as many as the date column has (at least
 * one), stand beside the date column, and the rest run the whole width below both.  The class
 * counts rows itself: \cvrow sets its columns in passes, and each row (a \cvline that shows
 * something, a summary, the highlights) asks \cv@row whether this pass sets it. */
static void put_row_counting(vita_buf *b)
{
	buf_puts(b, "% \\cv@pass: 0 sets every row and counts it (the date column), 1 the main column's rows up\n"
	            "% to \\cv@split, 2 those after it (the second row), -1 every row, uncounted (a degree\n"
	            "% column). \\cv@row{space above}{row}: one row; the second row's first keeps its space\n"
	            "% above in \\cv@above (its box is a minipage, whose top drops it).\n"
	            "\\newcount\\cv@pass\\newcount\\cv@rows\\newcount\\cv@split\\newif\\ifcv@inpass\n"
	            "\\def\\cv@above{\\z@}\n"
	            "\\newcommand\\cv@row[2]{\\cv@inpasstrue\n"
	            "  \\ifnum\\cv@pass<\\z@\\else\\global\\advance\\cv@rows\\@ne\n"
	            "    \\ifnum\\cv@pass=\\@ne\\ifnum\\cv@rows>\\cv@split\\cv@inpassfalse\\fi\\fi\n"
	            "    \\ifnum\\cv@pass=\\tw@\\ifnum\\cv@rows>\\cv@split\n"
	            "      \\ifnum\\cv@rows=\\numexpr\\cv@split+1\\relax\\gdef\\cv@above{#1}\\fi\\else\\cv@inpassfalse\\fi\\fi\\fi\n"
	            "  \\ifcv@inpass\\expandafter\\@firstofone\\else\\expandafter\\@gobble\\fi{#2}}\n"
	            "% How many of the main column's rows stand beside the date column (\\cv@rows: the date\n"
	            "% column's, just counted): all of them when short_second_row is set, with the dates on the\n"
	            "% left, and in a text entry.\n"
	            "\\newcommand\\cv@setsplit{\\cv@split=\\@MM\n"
	            "  \\ifcv@datespace\\ifcvshortsecondrow\\else\\ifcvdatesleft\\else\n"
	            "    \\cv@split=\\ifnum\\cv@rows>\\z@\\cv@rows\\else\\@ne\\fi\\fi\\fi\\fi}\n");
}

void latex_put_building_blocks(vita_buf *b)
{
	buf_puts(b, "% An entry's fields: \\cvget{field}, \\cvifset{field}{code}, \\cvifunset{field}{code}; they\n"
	            "% live in the entry's group.\n"
	            "\\newcommand\\cvget[1]{\\csname cvf@#1\\endcsname}\n"
	            "\\newcommand\\cvifset[2]{\\expandafter\\ifx\\csname cvf@#1\\endcsname\\relax\\else#2\\fi}\n"
	            "\\newcommand\\cvifunset[2]{\\expandafter\\ifx\\csname cvf@#1\\endcsname\\relax#2\\fi}\n"
	            "% \\cvline{runs}: one line of a column; \\cvsp puts one space between the runs it shows.\n"
	            "\\newif\\ifcvfirst\\newif\\ifcvtail\\newif\\ifcvall\\newif\\ifcvany\n"
	            "\\newcommand\\cvsp{\\ifcvfirst\\cvfirstfalse\\else\\space\\fi}\n"
	            "% (a line that shows nothing is no row: it is tried in a box first, \\cv@row below)\n"
	            "\\newif\\ifcv@shown\\newsavebox\\cv@probe\n"
	            "\\newcommand\\cvline[1]{\\global\\cv@shownfalse\n"
	            "  \\sbox\\cv@probe{\\cvfirsttrue#1\\ifcvfirst\\else\\global\\cv@showntrue\\fi}%\n"
	            "  \\ifcv@shown\\cv@row\\z@{{\\cvfirsttrue#1\\par}}\\fi}\n"
	            "\\newif\\ifcvfirstentry\n"
	            "% vita's (RenderCV's) vertical rule: a block (header line, title, entry) ends at its last\n"
	            "% baseline, and the next one's first line has its top a gap below it and its baseline a cap\n"
	            "% height lower (\\baselineskip is the cap height and the line spacing, \\cvsize). \\cvbaseline\n"
	            "% ends a paragraph there, \\cvcolumnend a column (a minipage's depth reaches its last\n"
	            "% baseline), \\cvgap{gap} puts the space; \\lineskiplimit keeps TeX to \\baselineskip.\n"
	            "\\newcommand\\cvbaseline{\\par\\ifdim\\prevdepth>-1000pt \\kern-\\prevdepth\\fi\\prevdepth=\\z@}\n"
	            "% (a column holding the degree row's columns ends at their baselines: \\ifcvnested)\n"
	            "\\newif\\ifcvnested\n"
	            "\\newcommand\\cvcolumnend{\\par\\unskip\\ifdim\\prevdepth>-1000pt \\kern-\\prevdepth\\fi}\n"
	            "\\newcommand\\cvgap[1]{\\vspace{\\dimexpr#1-\\cvlinespacing\\relax}}\n"
	            "\\lineskiplimit=-\\maxdimen\n"
	            "% Space between entries of a section (none above the first).  The keep rules of vita's PDF:\n"
	            "% a section title stays with its first two entries, or with the whole section when it has\n"
	            "% three entries or fewer (counted in the .aux file, so the second run knows).\n"
	            "\\newif\\ifcvkeep\n"
	            "\\newcommand\\cvbetween[1]{\\par\\stepcounter{cventries}%\n"
	            "  \\ifcvfirstentry\\nobreak\\cvgap{\\cvtitlegap}\\nobreak\\else\\cvkeepfalse\\ifnum\\value{cventries}=2 \\cvkeeptrue\\fi\n"
	            "    \\ifcsname cventries@\\arabic{cvsection}\\endcsname\n"
	            "      \\ifnum\\csname cventries@\\arabic{cvsection}\\endcsname<4 \\cvkeeptrue\\fi\\fi\n"
	            "    \\ifcvkeep\\nobreak\\fi\\cvgap{\\dimexpr#1+\\cvlinespacing}\\fi\\cvfirstentryfalse}\n"
	            "\\newlist{cvitems}{itemize}{3}\n"
	            "% The highlights' bullet as vita's PDF draws it (RenderCV's): \u25CF is a 13 pt \u2022 raised 0.6 pt\n"
	            "% in a cell of its own from the item's top down to its own baseline, a 13 pt cap height below,\n"
	            "% so it sits \\cvbulletdrop (13 pt's cap height less the text's) below the text's baseline, and\n"
	            "% a one-line item ends that much lower (\\prevgraf is its line count, checked before the next\n"
	            "% item and at the list's end).\n"
	            "\\def\\cvbigbullet{\u25CF}\\newlength\\cvbulletdrop\\newif\\ifcvfirstitem\n"
	            "\\newcommand\\cvbulletlabel{\\ifx\\cvbullet\\cvbigbullet\n"
	            "  {\\fontsize{13bp}{13bp}\\selectfont\\raisebox{\\dimexpr0.6bp-\\cvbulletdrop}{\u2022}}\\else\\cvbullet\\fi}\n"
	            "\\newcommand\\cvitemhook{\\global\\cvbulletdrop=\\z@\n"
	            "  \\ifx\\cvbullet\\cvbigbullet{\\fontsize{13bp}{13bp}\\selectfont\\global\\cvbulletdrop=\\cvcapheight}%\n"
	            "    \\global\\advance\\cvbulletdrop by -\\cvcapheight\\relax\\fi\n"
	            "  \\cvfirstitemtrue\\let\\cvoriginalitem\\item\\def\\item{\\cvbulletdropcheck\\cvoriginalitem}}\n"
	            "\\newcommand\\cvbulletdropcheck{\\par\\ifcvfirstitem\\cvfirstitemfalse\\else\n"
	            "  \\ifnum\\prevgraf=1 \\ifdim\\cvbulletdrop>\\z@\\kern\\cvbulletdrop\\fi\\fi\\fi}\n"
	            "\\setlist[cvitems]{topsep=\\cvhighlightsabove, itemsep=\\cvhighlightsbetween, parsep=0pt,\n"
	            "  partopsep=0pt, labelindent=\\cvhighlightsleft, labelsep=\\cvbulletsep, leftmargin=*}\n"
	            "\\setlist[cvitems,1]{label=\\cvbulletlabel, before=\\cvitemhook}\n"
	            "\\setlist[cvitems,2,3]{label=\\cvnestedbullet}\n"
	            "\\newcommand\\cvhighlights{\\cvifset{highlights}{\\cv@row\\cvhighlightsabove\n"
	            "  {\\begin{cvitems}\\cvget{highlights}\\par\\cvbulletdropcheck\\end{cvitems}}}}\n"
	            "\\newcommand\\cvsummary{\\cvifset{summary}{\\cv@row\\cvsummaryabove{\\par\\addvspace{\\cvsummaryabove}%\n"
	            "  {\\leftskip=\\cvsummaryleft \\cvget{summary}\\par}}}}\n");
	put_row_counting(b);
	buf_puts(b, "% \\cvrow{main}{date and location}: two top-aligned columns (\\ifcvany: the date column\n"
	            "% has something; else the main column takes the whole width), the main column's rows after\n"
	            "% \\cv@split below both at the whole width (\\cv@secondbox). A row taller than the page is set\n"
	            "% as lists that break across pages, its date column on its first line.\n"
	            "\\newif\\ifcvdatesleft\n\\newsavebox\\cvmainbox\n\\newlength\\cvmainwidth\n"
	            "\\newsavebox\\cv@datebox\\newsavebox\\cv@secondbox\\newlength\\cv@fullwidth\n"
	            "% (a break in a date field, \\newline: no \\hfil at the line's end, which in a right-aligned\n"
	            "% column would centre the line, but for a justified one)\n"
	            "\\protected\\def\\cv@datenewline{\\ifhmode\\unskip\\ifx\\cvdatealign\\@empty\\nobreak\\hfil\\fi\\break\\fi}\n"
	            "\\newcommand\\cv@datealign{\\cvdatealign\\let\\newline\\cv@datenewline}\n"
	            "\\newcommand\\cvdatecolumn[1]{\\begin{minipage}[t]{\\cvdatewidth}\\cv@datealign#1\\cvcolumnend\\end{minipage}}\n"
	            "\\newcommand\\cv@column[2]{\\begin{minipage}[t]{#1}#2\\ifcvnested\\par\\else\\cvcolumnend\\fi\\end{minipage}}\n"
	            "% (\\ifcv@datespace: the row leaves the date column's space, as vita's PDF does in a regular\n"
	            "% entry, dates or not, and with the dates on the left in every entry; a text entry, whose\n"
	            "% date column is empty, {}, takes the whole width otherwise)\n"
	            "\\newif\\ifcv@datespace\n"
	            "\\newcommand\\cvrow[2]{\\par\\noindent\n"
	            "  \\cv@datespacefalse\\ifcvdatesleft\\cv@datespacetrue\\fi\\if\\relax\\detokenize{#2}\\relax\\else\\cv@datespacetrue\\fi\n"
	            "  \\setlength\\cv@fullwidth{\\dimexpr\\linewidth-2\\cvsidespace}%\n"
	            "  \\setlength\\cvmainwidth{\\dimexpr\\cv@fullwidth\\ifcv@datespace-\\cvdatewidth-\\cvcolumnsep\\fi}%\n"
	            "  \\cv@pass=\\z@\\global\\cv@rows=\\z@\\ifcvany\\sbox\\cv@datebox{\\cvdatecolumn{#2}}\\fi\n"
	            "  \\cv@setsplit\\cv@pass=\\@ne\\global\\cv@rows=\\z@\\sbox\\cvmainbox{\\cv@column\\cvmainwidth{#1}}%\n"
	            "  \\setbox\\cv@secondbox\\box\\voidb@x\n"
	            "  \\ifnum\\cv@rows>\\cv@split\\cv@pass=\\tw@\\global\\cv@rows=\\z@\\gdef\\cv@above{\\z@}%\n"
	            "    \\sbox\\cv@secondbox{\\cv@column\\cv@fullwidth{#1}}\\fi\n"
	            "  \\cv@pass=\\z@\n"
	            "  \\ifdim\\dimexpr\\ht\\cvmainbox+\\dp\\cvmainbox\\ifvoid\\cv@secondbox\\else+\\ht\\cv@secondbox+\\dp\\cv@secondbox\\fi\\relax>\\textheight\n"
	            "    \\cvtallrow{#1}{#2}%\n"
	            "  \\else\n"
	            "    \\hspace*{\\cvsidespace}%\n"
	            "    \\ifcvdatesleft\\ifcvany\\usebox\\cv@datebox\\else\\hspace*{\\cvdatewidth}\\fi\\hspace{\\cvcolumnsep}\\usebox\\cvmainbox\n"
	            "    \\else\\usebox\\cvmainbox\\ifcvany\\hspace{\\cvcolumnsep}\\usebox\\cv@datebox\\fi\\fi\n"
	            "    \\ifvoid\\cv@secondbox\\else\\par\\prevdepth=\\z@\\nobreak\\cvgap{\\dimexpr\\cvlinespacing+\\cv@above}%\n"
	            "      \\noindent\\hspace*{\\cvsidespace}\\usebox\\cv@secondbox\\fi\n"
	            "  \\fi\\par\\prevdepth=\\z@}\n"
	            "% (a tall row: the first rows in a list beside the date column, the second row in another)\n"
	            "\\newcommand\\cv@tallist[2]{\\begin{list}{}{\\setlength\\topsep{0pt}\\setlength\\partopsep{0pt}%\n"
	            "    \\setlength\\parsep{0pt}\\setlength\\itemsep{0pt}\\setlength\\labelwidth{0pt}\\setlength\\labelsep{0pt}%\n"
	            "    \\setlength\\itemindent{0pt}\\setlength\\listparindent{0pt}%\n"
	            "    \\setlength\\leftmargin{#1}\\setlength\\rightmargin{#2}}\\item\\relax}\n"
	            "\\newcommand\\cvtallrow[2]{%\n"
	            "  \\cv@tallist{\\dimexpr\\cvsidespace\\ifcvdatesleft+\\cvdatewidth+\\cvcolumnsep\\fi\\relax}%\n"
	            "    {\\dimexpr\\cvsidespace\\ifcvdatesleft\\else\\ifcv@datespace+\\cvdatewidth+\\cvcolumnsep\\fi\\fi\\relax}%\n"
	            "  \\ifcvany\\smash{\\ifcvdatesleft\\llap{\\vtop{\\hsize\\cvdatewidth\\cv@datealign#2}\\hspace{\\cvcolumnsep}}%\n"
	            "    \\else\\rlap{\\hspace{\\dimexpr\\linewidth+\\cvcolumnsep}\\vtop{\\hsize\\cvdatewidth\\cv@datealign#2}}\\fi}\\fi\n"
	            "  \\cv@pass=\\@ne\\global\\cv@rows=\\z@#1\\end{list}%\n"
	            "  \\ifnum\\cv@rows>\\cv@split\\cv@tallist\\cvsidespace\\cvsidespace\\cv@pass=\\tw@\\global\\cv@rows=\\z@#1\\end{list}\\fi\n"
	            "  \\cv@pass=\\z@}\n");
	buf_puts(b, "% \\cvrowdegree{degree}{main}{date and location}: the education row. As in vita's PDF, one\n"
	            "% degree column per section: \\cvdegreewidth, unless a degree has a word wider than that;\n"
	            "% then the section's widest such word plus at least 1 em before the main column (the\n"
	            "% widest word is kept in the .aux file, so the second run knows it; the first run takes the\n"
	            "% widest word so far, so that no word is cut).  The second row leaves the degree column empty.\n"
	            "\\newlength\\cvdegreecolumn\\newlength\\cvwidest\\newlength\\cvdegreemingap\n"
	            "\\newcommand\\cvwidestword[1]{\\setbox0=\\vbox{\\hsize=\\z@ \\hyphenpenalty=\\@M \\exhyphenpenalty=\\@M\n"
	            "  \\rightskip=\\z@ plus 1fil \\hbadness=\\@M \\hfuzz=\\maxdimen \\parindent=\\z@ \\leavevmode#1\\par\n"
	            "  \\cv@scanwords}}\n"
	            "\\def\\cv@scanwords{\\unskip\\unpenalty\\unskip\\setbox2=\\lastbox\n"
	            "  \\ifvoid2 \\else\\setbox2=\\hbox{\\unhbox2}\\ifdim\\wd2>\\cvwidest \\global\\cvwidest=\\wd2 \\fi\n"
	            "  \\expandafter\\cv@scanwords\\fi}\n"
	            "% (set ragged and unhyphenated, as vita's PDF sets it: one word a line when they do not fit)\n"
	            "\\newcommand\\cvdegreealign{\\raggedright\\hyphenpenalty=\\@M \\exhyphenpenalty=\\@M}\n"
	            "\\newcommand\\cvdegreesection{\\ifcsname cvdegree@\\arabic{cvsection}\\endcsname\n"
	            "  \\csname cvdegree@\\arabic{cvsection}\\endcsname\\else\\z@\\fi}\n"
	            "\\newcommand\\cvrowdegree[3]{\\cvwidestword{#1}%\n"
	            "  \\setlength\\cvdegreemingap{\\cvcolumnsep}%\n"
	            "  \\ifdim\\cvdegreemingap<\\cvbodysize \\setlength\\cvdegreemingap{\\cvbodysize}\\fi\n"
	            "  \\setlength\\cvdegreecolumn{\\cvdegreesection}%\n"
	            "  \\ifdim\\cvdegreecolumn<\\cvwidest \\setlength\\cvdegreecolumn{\\cvwidest}\\fi\n"
	            "  \\addtolength\\cvdegreecolumn{\\dimexpr\\cvdegreemingap-\\cvcolumnsep\\relax}%\n"
	            "  \\ifdim\\cvdegreecolumn<\\cvdegreewidth\\setlength\\cvdegreecolumn{\\cvdegreewidth}\\fi\n"
	            "  \\cvnestedtrue\\cvrow{\\ifnum\\cv@pass=\\tw@\\expandafter\\@firstoftwo\\else\\expandafter\\@secondoftwo\\fi\n"
	            "    {\\hspace*{\\dimexpr\\cvdegreecolumn+\\cvcolumnsep}}%\n"
	            "    {\\begin{minipage}[t]{\\cvdegreecolumn}\\cv@pass=\\m@ne\\cvdegreealign#1\\cvcolumnend\\end{minipage}\\hspace{\\cvcolumnsep}}%\n"
	            "  \\begin{minipage}[t]{\\dimexpr\\linewidth-\\cvdegreecolumn-\\cvcolumnsep}#2\\cvcolumnend\\end{minipage}}{#3}\\cvnestedfalse}\n");
	buf_puts(b, "% \\cvbulletentry{text}, \\cvnumbered{text}, \\cvreversenumbered{text} (numbered by the class,\n"
	            "% counting down to 1 in reversed lists), \\cvtext{paragraph}\n"
	            "\\newcommand\\cvbulletentry[1]{\\cvbetween\\cvtextentryskip\n"
	            "  \\cvanyfalse\\cvrow{\\begin{cvitems}[topsep=0pt]\\item #1\\par\\cvbulletdropcheck\\end{cvitems}}{}}\n"
	            "\\newcommand\\cvnumberedas[2]{\\cvbetween\\cvtextentryskip\n"
	            "  \\cvanyfalse\\cvrow{\\begin{cvitems}[topsep=0pt, label={#1.}]\\item #2\\end{cvitems}}{}}\n"
	            "\\newcommand\\cvnumbered[1]{\\stepcounter{cvitem}\\cvnumberedas{\\arabic{cvitem}}{#1}}\n"
	            "\\newcommand\\cvreversenumbered[1]{\\stepcounter{cvitem}%\n"
	            "  \\cvnumberedas{\\ifcsname cvcount@\\arabic{cvsection}\\endcsname\n"
	            "    \\the\\numexpr\\csname cvcount@\\arabic{cvsection}\\endcsname-\\value{cvitem}+1\\relax\\else ?\\fi}{#1}}\n"
	            "\\newcommand\\cvtext[1]{\\cvbetween\\cvtextentryskip\\cvanyfalse\\cvrow{#1}{}}\n"
	            "% Authors: the CV's owner, and notes such as equal contribution\n"
	            "\\newcommand\\cvowner[1]{\\textbf{#1}}\n"
	            "\\newcommand\\cvnote[1]{\\textsuperscript{#1}}\n"
	            "% The mark after a link when design.links.show_external_link_icon is set\n"
	            "\\newcommand\\cvlinkicon{\\nobreak\\hspace{0.25em}\\textsuperscript{\\char\"2197}}\n\n");
}

/* \name, \headline, \connection, \photo, \footer, \topnote, \title, \pdfsubject, \pdfkeywords in
 * the .tex; \makecvheader prints the header. */
void latex_put_header_macros(vita_buf *b)
{
	buf_puts(b, "% The header: \\name{…}, \\headline{…}, \\connection{…} (one per contact, in order) and\n"
	            "% \\photo{file} in the preamble; \\makecvheader prints it.\n"
	            "\\let\\cv@name\\@empty\\let\\cv@headline\\@empty\\let\\cv@photo\\@empty\n"
	            "\\let\\cv@connections\\@empty\\let\\cv@footer\\@empty\\let\\cv@topnote\\@empty\n"
	            "\\let\\cv@subject\\@empty\\let\\cv@keywords\\@empty\\def\\@title{}\n"
	            "\\def\\name#1{\\def\\cv@name{#1}}\n"
	            "\\def\\headline#1{\\def\\cv@headline{#1}}\n"
	            "\\def\\photo#1{\\def\\cv@photo{#1}}\n"
	            "\\def\\connection#1{\\g@addto@macro\\cv@connections{\\cv@connection{#1}}}\n"
	            "\\def\\footer#1{\\def\\cv@footer{#1}}\n"
	            "\\def\\topnote#1{\\def\\cv@topnote{#1}}\n"
	            "\\def\\pdfsubject#1{\\def\\cv@subject{#1}}\n"
	            "\\def\\pdfkeywords#1{\\def\\cv@keywords{#1}}\n"
	            "\\newif\\ifcv@firstconnection\n"
	            "\\def\\cv@connection#1{\\ifcv@firstconnection\\cv@firstconnectionfalse\\else\n"
	            "  \\ifx\\cvconnectionseparator\\@empty\\hspace{\\cvconnectionsspace}\\else\n"
	            "  \\hspace{0.5\\cvconnectionsspace}\\cvconnectionseparator\\hspace{0.5\\cvconnectionsspace}\\fi\\fi\n"
	            "  \\mbox{#1}}\n"
	            "\\newcommand\\cv@headertext{%\n"
	            "  \\ifx\\cv@name\\@empty\\else{\\cvnamestyle\\cv@name\\cvbaseline}\\cvgap{\\cvspacebelowname}\\fi\n"
	            "  \\ifx\\cv@headline\\@empty\\else{\\cvheadlinestyle\\cv@headline\\cvbaseline}\\cvgap{\\cvspacebelowheadline}\\fi\n"
	            "  \\ifx\\cv@connections\\@empty\\else{\\cvconnectionsstyle\\cv@firstconnectiontrue\n"
	            "    \\cv@connections\\cvbaseline}\\cvgap{\\cvspacebelowconnections}\\fi}\n"
	            "% The page's first line has its top at the top margin: an empty line at the top, then the\n"
	            "% header's first line a cap height below it.  On the other pages \\topskip is the body's cap\n"
	            "% height (set at \\begin{document}), so a page's first line has its baseline a cap height\n"
	            "% below the margin, as in vita's PDF (a line with ascenders above the capitals: that much lower).\n"
	            "\\newcommand\\cv@top{\\par\\hbox{}\\prevdepth=\\z@\\cvgap{-\\topskip}}\n"
	            "\\newcommand\\makecvheader{\\thispagestyle{cvfirstpage}{\\cvheaderalign\n"
	            "  \\ifx\\cv@photo\\@empty\\cv@top\\cv@headertext\\else\n"
	            "    \\ifcvphotoleft\\hspace*{\\cvphotospaceleft}\\fi\n"
	            "    \\begin{minipage}[c]{\\cvphotowidth}\\includegraphics[width=\\linewidth]{\\cv@photo}\\end{minipage}%\n"
	            "    \\hspace{\\ifcvphotoleft\\cvphotospaceright\\else\\cvphotospaceleft\\fi}%\n"
	            "    \\begin{minipage}[c]{\\dimexpr\\linewidth-\\cvphotowidth-\\cvphotospaceleft-\\cvphotospaceright}%\n"
	            "    \\cvheaderalign\\cv@headertext\\end{minipage}\\fi\\par}}\n\n");
}

void latex_put_layout(vita_buf *b)
{
	buf_puts(b, "\\RequirePackage{fancyhdr}\n\\RequirePackage{lastpage}\n\\RequirePackage{enumitem}\n"
	            "\\RequirePackage{graphicx}\n"
	            "% hyperref asks XeTeX for the ZapfDingbats metrics (pzdr.tfm, in Debian's\n"
	            "% texlive-fonts-recommended) although a CV never uses them; lend it another font\n"
	            "% where they are missing.\n"
	            "\\ifxetex\\IfFileExists{pzdr.tfm}{}{\\let\\cvfontprimitive\\font\n"
	            "  \\def\\font##1=pzdr at 1sp{\\cvfontprimitive##1=cmr10 at 1sp}}\\fi\n"
	            "\\RequirePackage{hyperref}\n"
	            "\\ifdefined\\cvfontprimitive\\let\\font\\cvfontprimitive\\fi\n"
	            "\\RequirePackage{bookmark}\n\\RequirePackage{xurl}\n"
	            "\\hypersetup{colorlinks=true, urlcolor=cvlinks, linkcolor=cvlinks,\n"
	            "  pdfcreator={vita " VITA_VERSION "}}\n"
	            "\\urlstyle{same}\n"
	            "\\setlength\\parindent{0pt}\n\\setlength\\parskip{0pt}\n\\setlength\\emergencystretch{3em}\n"
	            "\\frenchspacing\n"
	            "% no paragraph leaves its first or last line alone at a page break (vita's PDF: the same)\n"
	            "\\clubpenalty=10000\n\\widowpenalty=10000\n"
	            "\\pagestyle{fancy}\n\\fancyhf{}\n\\renewcommand\\headrulewidth{0pt}\n"
	            "\\fancyfoot[C]{\\cvfooterstyle\\cv@footer}\n"
	            "\\fancypagestyle{cvfirstpage}{\\fancyhf{}\\fancyfoot[C]{\\cvfooterstyle\\cv@footer}%\n"
	            "  \\fancyhead[R]{\\cvtopnotestyle\\cv@topnote}}\n"
	            "\\ExplSyntaxOn\n"
	            "\\AtBeginDocument\n  {\n"
	            "    \\vita_colors_define:\n"
	            "    \\hypersetup { pdfauthor = { \\cv@name } , pdftitle = { \\@title } ,\n"
	            "      pdfsubject = { \\cv@subject } , pdfkeywords = { \\cv@keywords } }\n"
	            "    \\ifcvhyphenate \\else \\hyphenpenalty = 10000 \\exhyphenpenalty = 10000 \\fi\n"
	            "    \\cvbodyalign \\color { cvbody } \\cvsize { \\cvbodysize }\n"
	            "    \\setlength \\topskip { \\cvcapheight }\n"
	            "  }\n"
	            "\\ExplSyntaxOff\n\n");
}

