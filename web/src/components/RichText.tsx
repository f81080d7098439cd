import { Fragment } from 'react';
import { Link } from 'react-router';

// A link ends before whitespace or CJK punctuation (message bodies are Chinese sentences).
const LINK = /(https?:\/\/[^\s<>"，。；、）)]+|\/(?:partner|customer|ops|me)\/[^\s<>"，。；、）)]*)/g;

/** Message bodies are plain text; links in them (e.g. an invitation) become clickable. */
export function RichText({ text }: { text: string }) {
  const parts = text.split(LINK);
  return (
    <span style={{ whiteSpace: 'pre-wrap' }}>
      {parts.map((part, i) => {
        if (i % 2 === 0) return <Fragment key={i}>{part}</Fragment>;
        let internal: string | null = part.startsWith('/') ? part : null;
        if (!internal) {
          try {
            const url = new URL(part);
            if (url.origin === window.location.origin) internal = url.pathname + url.search + url.hash;
          } catch {
            internal = null;
          }
        }
        return internal ? (
          <Link key={i} to={internal}>
            {part}
          </Link>
        ) : (
          <a key={i} href={part} target="_blank" rel="noreferrer">
            {part}
          </a>
        );
      })}
    </span>
  );
}
