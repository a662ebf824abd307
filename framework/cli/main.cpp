#include <iostream>
int main() { std::cout << "mfv\n"; return 0; }
