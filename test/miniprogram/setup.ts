// Testing Library's DOM matchers (toBeInTheDocument…) for every mini-program test, and a longer
// wait for findBy/waitFor: on two cores shared with the other jest projects, a screen can take more
// than the default second to settle. It bounds a wait; it does not time anything.
import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 5_000 });
