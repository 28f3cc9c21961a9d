// The drop zone's "nothing is uploaded" line, which opens what it means: what the studio keeps in
// this browser, the one request that leaves the machine, and how to delete each. A <details>
// disclosure, so the line is a native keyboard control (Enter or Space opens it).
// PrivacyNote.test.tsx checks it names every store the platform layer opens.

export function PrivacyNote() {
  return (
    <details className="privacy-note hint">
      <summary>
        Images are decoded and cached in this browser; nothing is uploaded.{' '}
        <span className="more">What is stored, and how to delete it</span>
      </summary>
      <p>
        Your images, labels and models stay on this machine. The studio keeps, for this site only:
      </p>
      <ul>
        <li>
          IndexedDB <code>chromaxr-image-cache</code>: each dataset's decoded images (gray, short
          side 256 px, in shards), its file paths and a manifest.
        </li>
        <li>
          IndexedDB <code>chromaxr-dataset-index</code>: a dropped dataset's parsed labels.
        </li>
        <li>
          IndexedDB <code>chromaxr-checkpoints</code>: the running stage's latest checkpoint (so a
          reload can resume it), replaced by the next and cleared when the stage completes or a new
          model is built.
        </li>
        <li>
          IndexedDB <code>chromaxr-runs</code>: the runs history (each stage run's settings, scores,
          curves and colorization previews).
        </li>
        <li>
          IndexedDB <code>chromaxr-experiment</code>: the current Compare experiment and its queue.
        </li>
        <li>
          Cache Storage <code>chromaxr-weights-v1</code>: ImageNet weights files you downloaded.
        </li>
        <li>
          localStorage <code>chromaxr-theme</code>: the word "light" or "dark", once you switch the
          theme.
        </li>
      </ul>
      <p>
        The only request to another site is the ImageNet weights download, and only when you pick it
        in the Model step: the file is fetched from huggingface.co (through its download CDN) or
        download.pytorch.org, and nothing of yours is sent. Exports are saved to your own disk. No
        analytics, fonts or scripts come from elsewhere; the page's Content-Security-Policy forbids
        them.
      </p>
      <p>
        To delete: a cached dataset under "Stored in this browser" below; the runs history with
        "Delete selected" in Results; everything, at once, by clearing this site's data in the
        browser's settings (site settings, "Delete data" or "Clear site data").
      </p>
    </details>
  );
}
