// A dropped dataset the user can see: cached thumbnails per class or finding, in a scrolling grid
// that draws only the rows in view and asks the ingestion worker for their pages as they come
// into view, so 200,000 images scroll as smoothly as 200. Click (or Enter) enlarges one with its
// path and labels.
import { type RefCallback, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { SheetItem, SheetPage } from '../worker/ingest-protocol';
import { useCommands } from './commands-context';

const THUMB = 96;
const CELL = THUMB + 24; // thumbnail + caption
/** Until the sheet is measured (and where nothing measures, as in jsdom). */
const DEFAULT_COLUMNS = 6;
const MIN_COLUMNS = 2;
/** Room for the scroll bar beside the cells. */
const SCROLLBAR = 20;
const VIEW_ROWS = 4;
const PAGE = DEFAULT_COLUMNS * 5; // images per request
const ENLARGED = 512;

/** Paints an 8-bit gray thumbnail into a canvas. */
function GrayCanvas({ item, label }: { item: SheetItem; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const thumb = item.thumb;
    if (!canvas || !thumb) return;
    const rgba = new Uint8ClampedArray(thumb.width * thumb.height * 4);
    thumb.pixels.forEach((v, i) => {
      rgba.set([v, v, v, 255], i * 4);
    });
    canvas.getContext('2d')?.putImageData(new ImageData(rgba, thumb.width, thumb.height), 0, 0);
  }, [item]);
  if (!item.thumb) return <span className="hint">not cached</span>;
  return (
    // role img: a canvas has no role of its own, so without one its label is not announced.
    <canvas
      ref={ref}
      width={item.thumb.width}
      height={item.thumb.height}
      aria-label={label}
      role="img"
    />
  );
}

/** Pages of one group, fetched as the rows they hold come into view. */
function usePages(group: number) {
  const { sheetPage } = useCommands();
  const [pages, setPages] = useState<Map<number, SheetItem[]>>(new Map());
  const [groups, setGroups] = useState<SheetPage['groups']>([]);
  const asked = useRef(new Set<number>());
  const shown = useRef(group);
  useEffect(() => {
    shown.current = group; // a new group starts afresh; late pages of the old one are dropped
    asked.current = new Set();
    setPages(new Map());
  }, [group]);
  const need = useCallback(
    (first: number, last: number) => {
      for (let offset = first - (first % PAGE); offset <= last; offset += PAGE) {
        if (asked.current.has(offset)) continue;
        asked.current.add(offset);
        void sheetPage({ group, offset, count: PAGE, size: THUMB })?.then((page) => {
          if (shown.current !== group) return;
          setGroups(page.groups);
          setPages((old) => new Map(old).set(offset, page.items));
        });
      }
    },
    [group, sheetPage],
  );
  const itemAt = (i: number) => pages.get(i - (i % PAGE))?.[i % PAGE];
  return { groups, need, itemAt };
}

function Enlarged({
  group,
  index,
  onClose,
}: {
  group: number;
  index: number;
  onClose: () => void;
}) {
  const { sheetPage } = useCommands();
  const [item, setItem] = useState<SheetItem | null>(null);
  useEffect(() => {
    void sheetPage({ group, offset: index, count: 1, size: ENLARGED })?.then((page) =>
      setItem(page.items[0] ?? null),
    );
  }, [group, index, sheetPage]);
  if (!item) return null;
  return (
    <figure className="card enlarged" aria-label="Enlarged image">
      <GrayCanvas item={item} label={`Enlarged ${item.path}`} />
      <figcaption>
        <code>{item.path}</code> — {item.caption}{' '}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </figcaption>
    </figure>
  );
}

/** As many columns as the sheet's width holds, followed as the window resizes: the sheet never
 *  pushes the page wider (800 px windows). */
function useColumns(): [RefCallback<HTMLDivElement>, number] {
  const [columns, setColumns] = useState(DEFAULT_COLUMNS);
  // React 19 calls the returned cleanup when the sheet unmounts.
  const observe = useCallback((node: HTMLDivElement | null) => {
    if (node === null || typeof ResizeObserver === 'undefined') return;
    const measure = () => {
      const width = node.clientWidth - SCROLLBAR;
      if (width > 0) setColumns(Math.max(MIN_COLUMNS, Math.floor(width / CELL)));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(node);
    return () => observer.disconnect();
  }, []);
  return [observe, columns];
}

export function ContactSheet() {
  const [group, setGroup] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const [chosen, choose] = useState<number | null>(null);
  const { groups, need, itemAt } = usePages(group);
  const pickerId = useId();
  const [sheetRef, columns] = useColumns();
  const total = groups[group]?.count ?? PAGE; // until the first page says
  const rows = Math.ceil(total / columns);
  const firstRow = Math.floor(scrollTop / CELL);
  const lastRow = Math.min(rows - 1, firstRow + VIEW_ROWS);
  const first = firstRow * columns;
  const last = Math.min(total - 1, (lastRow + 1) * columns - 1);
  useEffect(() => need(first, last), [need, first, last]);
  const cells = [];
  for (let i = first; i <= last; i++) {
    const item = itemAt(i);
    const top = Math.floor(i / columns) * CELL;
    const left = (i % columns) * CELL;
    cells.push(
      <button
        type="button"
        key={i}
        className="sheet-cell"
        style={{ top, left, width: CELL, height: CELL }}
        onClick={() => choose(i)}
        title={item?.path}
      >
        {item ? <GrayCanvas item={item} label={item.path} /> : null}
        <small>{item?.caption ?? '…'}</small>
      </button>,
    );
  }
  return (
    <section className="card" aria-labelledby={`${pickerId}-title`}>
      <h3 id={`${pickerId}-title`}>The images</h3>
      <div className="field">
        <label htmlFor={pickerId}>Show</label>
        <select
          id={pickerId}
          value={group}
          onChange={(event) => {
            setGroup(Number(event.currentTarget.value));
            setScrollTop(0);
            choose(null);
          }}
        >
          {groups.map((g, i) => (
            <option key={g.name} value={i}>
              {g.name} ({g.count.toLocaleString('en-US')})
            </option>
          ))}
        </select>
      </div>
      <div
        className="contact-sheet"
        data-testid="contact-sheet"
        ref={sheetRef}
        style={{ height: VIEW_ROWS * CELL }}
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      >
        <div style={{ height: rows * CELL, position: 'relative' }}>{cells}</div>
      </div>
      {chosen !== null ? (
        <Enlarged group={group} index={chosen} onClose={() => choose(null)} />
      ) : null}
    </section>
  );
}
