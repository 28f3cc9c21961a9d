// The studio shell: header with the compute device; the wizard and charts mount below it.
import { DeviceBadge } from './DeviceBadge';

export function App() {
  return (
    <main className="studio">
      <header>
        <h1>ChromaXR Studio</h1>
        <p className="tagline">
          Colorization transfer learning for X-ray images, trained on your GPU. Patient data never
          leaves this machine.
        </p>
        <DeviceBadge />
      </header>
    </main>
  );
}
