// Testing Library's DOM matchers (toBeInTheDocument…) for every mini-program test.
import '@testing-library/jest-dom';
