# Bash completion for vita(1): commands, each command's options, the values of --format, themes
# and locales (from the data folder's styles/), output names with the extensions vita writes, and
# CV files.  A command's options are read from `vita COMMAND --help` (the program that is being
# completed), so the completion never lists an option the program lacks and learns new ones alone.
# `make install` sets the default data folder below to $(DATADIR)/vita.

_vita_default_data=/usr/local/share/vita

# The words of `vita CMD --help` that are options (-o, --output, ...), one per line.
_vita_options()
{
	"$1" "$2" --help 2>/dev/null | sed -n 's/^ \{1,\}\(-[^ ].*\)/\1/p' | sed 's/  .*//' |
		grep -o -e '--[a-z][a-z-]*' -e '^-[a-zA-Z]' | sort -u
}

# The names of the .yaml files in one folder of the data folder, without the extension.
_vita_styles()
{
	local dir=${VITA_DATA_DIR:-$_vita_default_data}/$1 f
	for f in "$dir"/*.yaml; do
		[[ -f $f ]] || continue
		f=${f##*/}
		printf '%s\n' "${f%.yaml}"
	done
}

_vita()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local prog=${COMP_WORDS[0]} cmd=${COMP_WORDS[1]:-}
	COMPREPLY=()
	if ((COMP_CWORD == 1)); then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--help --version" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "check dump render build new import schema themes" -- "$cur"))
		fi
		return
	fi
	case $prev in
	-o | --output)
		if [[ $cmd == build ]]; then
			COMPREPLY=($(compgen -d -- "$cur"))
		else
			local stem=${cur%.*} e
			if [[ $cur == *.* && ${cur##*/} == *.* ]]; then
				for e in pdf tex md html png svg zip; do
					[[ $stem.$e == "$cur"* ]] && COMPREPLY+=("$stem.$e")
				done
			fi
			COMPREPLY+=($(compgen -d -- "$cur"))
		fi
		return ;;
	-f | --format)
		if [[ $cmd == build ]]; then
			COMPREPLY=($(compgen -W "pdf tex pdf,tex" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "pdf tex markdown html png svg zip" -- "$cur"))
		fi
		return ;;
	--theme)
		COMPREPLY=($(compgen -W "$(_vita_styles styles)" -- "$cur"))
		return ;;
	--locale | --language)
		COMPREPLY=($(compgen -W "$(_vita_styles styles/locales)" -- "$cur"))
		return ;;
	--from)
		COMPREPLY=($(compgen -W "bibtex homepage cvtext alfolio-cv jsonresume collection hugo-author hugo-publication site" -- "$cur"))
		return ;;
	--dpi)
		COMPREPLY=($(compgen -W "72 150 300 600" -- "$cur"))
		return ;;
	-j | --jobs | --shard | --fit-pages | --variant)
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(_vita_options "$prog" "$cmd")" -- "$cur"))
		return
	fi
	# CV files (and folders to walk into; for build, folders are inputs too).
	local IFS=$'\n' f
	COMPREPLY=($(compgen -d -- "$cur"))
	[[ $cmd == themes || $cmd == schema ]] && return # a folder of custom themes; schema takes none
	for f in $(compgen -f -- "$cur"); do
		[[ -f $f && ( $f == *.yaml || $f == *.yml || $f == *.json ) ]] && COMPREPLY+=("$f")
		# vita import reads profiles as people keep them, and its hand corrections
		[[ $cmd == import && -f $f && ( $f == *.md || $f == *.bib || $f == *.txt || $f == *.overlay ) ]] &&
			COMPREPLY+=("$f")
	done
}

complete -o filenames -F _vita vita
