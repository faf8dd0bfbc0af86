# man_names.awk: the names a man page documents, one "KIND NAME" a line, for
# tests/man_drift.sh to compare a translated page with its English original
# (the prose is translated; the names stay as written).
#
#   awk -v actions="..." -v settings="..." -v elements="..." \
#       -f tests/lib/man_names.awk PAGE | sort -u
#
# It reads the words in bold (the bold arguments of .B, .BR, .RB, .BI and .IB
# lines, and \fB...\fP spans anywhere) and prints
#   option NAME      a word that reads as -x or --name
#   command :NAME    a word that starts with ':' (with its '!'; a ':' after
#                    it is the sentence's: ":date: ...")
#   action NAME      a word of `actions'       (trailing ':' ',' '.' dropped)
#   setting NAME     a word of `settings'
#   element NAME     a word of `elements'      (color elements)
#   directive NAME   set, source, bind, unbind or color
#   key KEY ACTION   each bold key in the tag of a key binding entry: .TP, the
#                    keys, then the actions in bold, the last one followed by
#                    ':' (".B move-down:"; ".BR goto-introduction ," ...
#                    ".BR goto-conclusion :")
# Comment lines are skipped; a macro line ending in '\' goes on on the next.
# unesc S: S with the escapes a name may hold written as the characters.
function unesc(s) {
	gsub(/\\-/, "-", s); gsub(/\\\(aq/, "'", s); gsub(/\\\(ti/, "~", s)
	gsub(/\\&/, "", s); gsub(/\\\(dq/, "\"", s); gsub(/\\ /, " ", s)
	gsub(/\\f[BRPI]/, "", s)
	return s
}
# split_args ARGS, A: the arguments of a macro line into A[1..n], honouring
# double quotes; returns n.
function split_args(line, A,    n, i, c, cur, inq, started) {
	n = 0; cur = ""; inq = 0; started = 0
	for (i = 1; i <= length(line); i++) {
		c = substr(line, i, 1)
		if (c == "\"" && substr(line, i - 1, 1) != "\\") {
			if (inq) { A[++n] = cur; cur = ""; started = 0 } else started = 1
			inq = !inq
		} else if (c == " " && !inq) {
			if (started) { A[++n] = cur; cur = ""; started = 0 }
		} else {
			cur = cur c; started = 1
		}
	}
	if (started) A[++n] = cur
	return n
}
# bold LINE, B: the pieces of LINE in bold into B[1..n] (a macro's bold
# arguments, then the \fB spans); returns n.
function bold(line, B,    n, m, A, k, i, mac, rest, s) {
	n = 0
	if (line ~ /^\.(B|BR|RB|BI|IB) /) {
		mac = line; sub(/ .*/, "", mac)
		rest = line; sub(/^\.[A-Z]+ /, "", rest)
		m = split_args(rest, A)
		for (k = 1; k <= m; k++)
			if (mac == ".B" || ((mac == ".BR" || mac == ".BI") && k % 2 == 1) ||
			    ((mac == ".RB" || mac == ".IB") && k % 2 == 0))
				B[++n] = A[k]
	}
	s = line
	while ((i = index(s, "\\fB")) > 0) {
		s = substr(s, i + 3)
		i = match(s, /\\f[RPI]/)
		B[++n] = i ? substr(s, 1, i - 1) : s
		s = i ? substr(s, i) : ""
	}
	for (k = 1; k <= n; k++) B[k] = unesc(B[k])
	return n
}
# trimp W: W without the punctuation around a name in a sentence.
function trimp(w) { sub(/[,.;:)]+$/, "", w); sub(/^\(/, "", w); return w }
function classify(w,    t) {
	t = trimp(w)
	if (t ~ /^--?[a-zA-Z][a-zA-Z0-9-]*$/) print "option " t
	if (w ~ /^:[a-z]+/) { t = w; sub(/[^a-z!:].*$/, "", t); sub(/:+$/, "", t); print "command " t }
	if (t in ACTION) print "action " t
	if (t in SETTING) print "setting " t
	if (t in ELEMENT) print "element " t
	if (t in DIRECTIVE) print "directive " t
}
# keys I: when line I is the .TP of a key binding entry, print its keys.
function keys(i,    j, m, n, k, A, B, rest, act) {
	if (lines[i] != ".TP") return
	for (j = i + 2; j <= nl && lines[j] ~ /^\.(B|BR) /; j++) {
		rest = lines[j]; sub(/^\.[A-Z]+ /, "", rest)
		m = split_args(rest, A)
		if (!(trimp(unesc(A[1])) in ACTION)) return
		if (act == "") act = trimp(unesc(A[1]))
		if (A[1] ~ /:$/ || (m >= 2 && A[2] == ":")) {
			n = bold(lines[i + 1], B)
			for (k = 1; k <= n; k++) print "key " B[k] " " act
			return
		}
	}
}
BEGIN {
	n = split(actions, L, " "); for (i = 1; i <= n; i++) ACTION[L[i]] = 1
	n = split(settings, L, " "); for (i = 1; i <= n; i++) SETTING[L[i]] = 1
	n = split(elements, L, " "); for (i = 1; i <= n; i++) ELEMENT[L[i]] = 1
	n = split("set source bind unbind color", L, " ")
	for (i = 1; i <= n; i++) DIRECTIVE[L[i]] = 1
}
/^\.\\"/ { next }
{
	line = $0
	while (line ~ /\\$/ && (getline more) > 0)
		line = substr(line, 1, length(line) - 1) more
	lines[++nl] = line
}
END {
	for (i = 1; i <= nl; i++) {
		n = bold(lines[i], B)
		for (k = 1; k <= n; k++) {
			m = split(B[k], W, /[ \t]+/)
			for (j = 1; j <= m; j++) if (W[j] != "") classify(W[j])
		}
		keys(i)
	}
}
