// The shell functions `stint prompt` prints. Each reads the state file the store keeps current
// (src/store/prompt-state.ts describes its lines) and prints what `stint status --short` would:
// a prompt is drawn after every command, so it must not start Node. Every step mirrors one in
// shortStatus: the clock as durationSeconds counts it, the focus text as formatSpan writes it.

export type PromptShell = 'bash' | 'zsh' | 'fish';

/** Where the state file is and which format version the function understands. */
export interface PromptStateFormat {
  file: string;
  version: number;
  /**
   * HOME's fallback when it is empty or unset, as the CLI has it (src/store/paths.ts
   * resolveHome): the user database's home, written into the function so a prompt asks nothing
   * at run time; null when there is none (the CLI then fails, the function prints nothing).
   */
  accountHome: string | null;
}

/** A word the shell reads back as exactly `text`: single quotes, a quote inside written '\''. */
const posixQuoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** fish's single quotes: only a backslash and a quote are escaped. */
const fishQuoted = (text: string) => `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;

export function promptFunction(shell: PromptShell, format: PromptStateFormat): string {
  return shell === 'fish' ? fishFunction(format) : posixFunction(shell, format);
}

/**
 * The current epoch second. `STINT_NOW` (tests and demos) goes through GNU `date`; otherwise a
 * builtin: bash 5's and zsh/datetime's `$EPOCHSECONDS`, bash 4.2's `printf %(%s)T`, and `date`
 * only for older shells (macOS's bash 3.2).
 */
function posixClock(shell: 'bash' | 'zsh'): string {
  const fallback =
    shell === 'bash'
      ? `  elif [ "\${BASH_VERSINFO[0]}" -gt 4 ] || { [ "\${BASH_VERSINFO[0]}" -eq 4 ] && [ "\${BASH_VERSINFO[1]}" -ge 2 ]; }; then
    printf -v now '%(%s)T' -1
  else
    now=$(date +%s)`
      : `  else
    now=$(date +%s)`;
  return `  if [ -n "\${STINT_NOW-}" ]; then
    now=$(date -d "$STINT_NOW" +%s 2>/dev/null) || return 0
  elif [ -n "\${EPOCHSECONDS-}" ]; then
    now=$EPOCHSECONDS
${fallback}
  fi`;
}

/** `h`: HOME, or when it is empty or unset the same fallback as the CLI's. */
function posixHome(accountHome: string | null): string {
  if (accountHome !== null) return `  h=\${HOME:-${posixQuoted(accountHome)}}`;
  // No home to fall back to: the CLI refuses to run, the function prints nothing (unless STINT_HOME).
  return '  h=$HOME\n  [ -n "$h${STINT_HOME-}" ] || return 0';
}

function posixFunction(shell: 'bash' | 'zsh', { file, version, accountHome }: PromptStateFormat): string {
  const setup = shell === 'zsh' ? 'zmodload zsh/datetime 2>/dev/null\n' : '';
  const usage =
    shell === 'zsh'
      ? `# In ~/.zshrc: eval "$(stint prompt zsh)"; setopt PROMPT_SUBST; PROMPT='$(stint_prompt "[%s] ")'$PROMPT`
      : `# In ~/.bashrc: eval "$(stint prompt bash)"; PS1='$(stint_prompt "[%s] ")'$PS1`;
  return `# stint's running timer for the ${shell} prompt, read from ${file} without starting stint.
# stint_prompt [format]: the timer as stint status --short shows it, through printf's format
# (default %s) so that separators appear only with a timer; nothing when idle.
${usage}
${setup}stint_prompt() {
  local h f v n t s p q l now d x w o
${posixHome(accountHome)}
  f="\${STINT_HOME:-$h/.stint}/${file}"
  [ -r "$f" ] || return 0
  { IFS= read -r v; IFS= read -r n; IFS= read -r t; IFS= read -r s; IFS= read -r p; IFS= read -r q; IFS= read -r l; } <"$f" 2>/dev/null
  [ "$v" = ${version} ] || return 0
  case "$n" in ''|0|*[!0-9]*) return 0 ;; esac
  case ":$s:$p:$q:$l:" in *::*|*[!0-9:]*) return 0 ;; esac
${posixClock(shell)}
  case "$now" in ''|*[!0-9]*) return 0 ;; esac
  d=$((now - s - p))
  if [ "$q" -gt 0 ] && [ "$now" -gt "$q" ]; then d=$((d - (now - q))); fi
  if [ "$d" -lt 0 ]; then d=0; fi
  x=$((d % 3600 / 60)); [ "$x" -lt 10 ] && x="0$x"
  w=$((d % 60)); [ "$w" -lt 10 ] && w="0$w"
  o="$t $((d / 3600)):$x:$w"
  if [ "$q" -gt 0 ]; then o="$o (paused)"; fi
  if [ "$l" -gt 0 ]; then
    x=$((l - d)); w=left
    if [ "$x" -lt 0 ]; then x=$((-x)); w=over; fi
    if [ "$x" -lt 60 ]; then o="$o (\${x}s $w)"
    elif [ "$x" -lt 3600 ]; then o="$o ($((x / 60))m $w)"
    elif [ $((x % 3600 / 60)) -eq 0 ]; then o="$o ($((x / 3600))h $w)"
    else o="$o ($((x / 3600))h $((x % 3600 / 60))m $w)"; fi
  fi
  if [ "$n" -gt 1 ]; then o="$o +$((n - 1))"; fi
  printf -- "\${1:-%s}" "$o"
}
`;
}

/** fish has no clock builtin: one `date` per prompt is still far from starting Node. */
function fishFunction({ file, version, accountHome }: PromptStateFormat): string {
  return `# stint's running timer for the fish prompt, read from ${file} without starting stint.
# stint_prompt [format]: the timer as stint status --short shows it, through printf's format
# (default %s) so that separators appear only with a timer; nothing when idle.
# In ~/.config/fish/config.fish: stint prompt fish | source; then call stint_prompt '[%s] ' in fish_prompt.
function stint_prompt --description 'Print the running stint timer, as stint status --short does'
    set -l h $HOME
    test -n "$h"; or ${accountHome === null ? 'test -n "$h$STINT_HOME"; or return 0' : `set h ${fishQuoted(accountHome)}`}
    set -l f $h/.stint/${file}
    if set -q STINT_HOME; and test -n "$STINT_HOME"
        set f $STINT_HOME/${file}
    end
    test -r $f; or return 0
    read -L -l v n t s p q l <$f
    test "$v" = ${version}; or return 0
    string match -qr '^[1-9][0-9]*$' -- "$n"; or return 0
    test (count (string match -r '^[0-9]+$' -- "$s" "$p" "$q" "$l")) -eq 4; or return 0
    set -l now
    if set -q STINT_NOW; and test -n "$STINT_NOW"
        set now (date -d "$STINT_NOW" +%s 2>/dev/null); or return 0
    else
        set now (date +%s)
    end
    string match -qr '^[0-9]+$' -- "$now"; or return 0
    set -l d (math $now - $s - $p)
    if test $q -gt 0; and test $now -gt $q
        set d (math $d - $now + $q)
    end
    test $d -lt 0; and set d 0
    set -l o (printf '%s %d:%02d:%02d' $t (math "floor($d / 3600)") (math "floor($d % 3600 / 60)") (math $d % 60))
    test $q -gt 0; and set o "$o (paused)"
    if test $l -gt 0
        set -l x (math $l - $d)
        set -l w left
        if test $x -lt 0
            set x (math "abs($x)"); set w over
        end
        if test $x -lt 60
            set o "$o ($x"s" $w)"
        else if test $x -lt 3600
            set o "$o ("(math "floor($x / 60)")"m $w)"
        else if test (math "floor($x % 3600 / 60)") -eq 0
            set o "$o ("(math "floor($x / 3600)")"h $w)"
        else
            set o "$o ("(math "floor($x / 3600)")"h "(math "floor($x % 3600 / 60)")"m $w)"
        end
    end
    test $n -gt 1; and set o "$o +"(math $n - 1)
    set -l format '%s'
    set -q argv[1]; and test -n "$argv[1]"; and set format $argv[1]
    printf $format $o
end
`;
}
