//! Simulator transport: runs the iolab driver inside kmdf-sim in this process.
