/** Tasks per page on the board, newest first; older ones load on demand ("Load older tasks"). */
export const BOARD_PAGE_SIZE = 50;
