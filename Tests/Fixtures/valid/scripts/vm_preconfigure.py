# A fixture script: the blueprint checker only needs it to exist.
