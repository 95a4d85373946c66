-- nothing to run here
/* a block /* nested */ comment */
