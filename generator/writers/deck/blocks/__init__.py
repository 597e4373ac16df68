"""One module per block kind of the model, each giving the slides its blocks take.

Every module here has the same two functions, so the deck plan chooses one from its table
(`plan.DECK_BLOCKS`, keyed by the model's class) and never by asking what a block is:

- `slides(document, section, block, theme)`: the block's slides, text measured and placed, shown
  over '(cont.)' slides when it does not fit one;
- `describe(document, block)`: how the build's report names the block when it continues.
"""
