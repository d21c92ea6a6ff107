// Drag-and-drop of a file onto an element: highlight while a file hovers, hand the first dropped
// file over. A drop inside a nested drop zone (a dataset cell) is not seen by the outer one.
import { useState, type DragEvent } from 'react';

const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');

export function useFileDrop(onFile: (file: File) => void) {
  const [over, setOver] = useState(false);
  return {
    over,
    handlers: {
      onDragOver(event: DragEvent) {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.stopPropagation();
        event.dataTransfer.dropEffect = 'copy';
        setOver(true);
      },
      onDragLeave(event: DragEvent) {
        if (event.currentTarget.contains(event.relatedTarget as Node | null)) return;
        setOver(false);
      },
      onDrop(event: DragEvent) {
        const file = event.dataTransfer?.files?.[0];
        if (!file) return;
        event.preventDefault();
        event.stopPropagation();
        setOver(false);
        onFile(file);
      },
    },
  };
}
